using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Text;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Data;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Conversations;

/// <summary>
/// Runs answers on the server, independent of any browser: closing the tab or losing the connection does not stop
/// an answer; it is written to the database event by event and can be watched again from any page or hub client.
/// One answer per session at a time: a new prompt stops the running one, which keeps its partial text.
/// </summary>
public sealed partial class ConversationService(
    IBrain brain,
    ChatStore store,
    IDbContextFactory<WorkBrainDbContext> contexts,
    IOptions<TextGenerationOptions> textOptions,
    IOptions<MessageLimitsOptions> messageLimits,
    IOptions<GateOptions> gateOptions,
    IUserRateLimiter rateLimiter,
    ILogger<ConversationService> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, LiveTurn> _live = new(StringComparer.Ordinal);

    /// <summary>Raised (on a background thread) when an answer starts or finishes, with its session id.</summary>
    public event Action<string>? SessionChanged;

    public sealed record StartedTurn(string SessionId, MessageView User, MessageView Assistant);

    /// <summary>Adds the user's message to the session (a new one when <paramref name="sessionId"/> is null) and starts answering it;
    /// <paramref name="readAloud"/> has the answer spoken too (tts added to the gate's choice).</summary>
    public async Task<StartedTurn> AskAsync(
        string userId, string? sessionId, string text, IReadOnlyList<Attachment>? attachments = null,
        IReadOnlyList<string>? forcedExperts = null, bool readAloud = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        attachments ??= [];
        if (string.IsNullOrWhiteSpace(text) && attachments.Count == 0)
        {
            throw new ArgumentException("Type a message or attach a file.", nameof(text));
        }

        messageLimits.Value.Check(text);
        forcedExperts = ExpertChoice.Validate(forcedExperts, gateOptions.Value.MaxExperts);
        await SpendBudgetAsync(userId, cancellationToken);
        if (sessionId is null)
        {
            var title = string.IsNullOrWhiteSpace(text) ? attachments[0].FileName : text;
            sessionId = (await store.CreateSessionAsync(userId, title, cancellationToken)).Id;
        }
        else
        {
            await EnsureOwnerAsync(userId, sessionId, cancellationToken);
        }

        await StopSessionAsync(userId, sessionId);
        var forced = forcedExperts is { Count: > 0 } ? string.Join(",", forcedExperts) : null;
        var (user, assistant) = await store.AddTurnAsync(userId, sessionId, text.Trim(), attachments, forced, cancellationToken);
        Start(userId, sessionId, user, assistant, forcedExperts, readAloud);
        return new StartedTurn(sessionId, user, assistant);
    }

    /// <summary>Answers the session's last user message again, optionally on experts the user chose.</summary>
    public async Task<StartedTurn?> RegenerateAsync(
        string userId, string sessionId, IReadOnlyList<string>? forcedExperts = null, bool readAloud = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        forcedExperts = ExpertChoice.Validate(forcedExperts, gateOptions.Value.MaxExperts);
        await SpendBudgetAsync(userId, cancellationToken);
        await EnsureOwnerAsync(userId, sessionId, cancellationToken);
        await StopSessionAsync(userId, sessionId);
        var forced = forcedExperts is { Count: > 0 } ? string.Join(",", forcedExperts) : null;
        var replaced = await store.ReplaceLastAnswerAsync(userId, sessionId, forced, cancellationToken);
        if (replaced is not { } turn)
        {
            return null;
        }

        Start(userId, sessionId, turn.User, turn.Assistant, forcedExperts, readAloud);
        return new StartedTurn(sessionId, turn.User, turn.Assistant);
    }

    public bool IsLive(string messageId) => _live.ContainsKey(messageId);

    public string? LiveMessageOf(string sessionId) => _live.Values.FirstOrDefault(t => t.SessionId == sessionId)?.MessageId;

    /// <summary>The answer's events from <paramref name="from"/> on while it is being written; empty when it is not
    /// live (then the database has all of it) or belongs to someone else.</summary>
    public IAsyncEnumerable<BrainEvent> WatchAsync(string userId, string messageId, int from = 0, CancellationToken cancellationToken = default) =>
        _live.TryGetValue(messageId, out var turn) && turn.UserId == userId
            ? turn.WatchAsync(from, cancellationToken)
            : AsyncEnumerable.Empty<BrainEvent>();

    public async Task<bool> StopAsync(string userId, string messageId)
    {
        if (!_live.TryGetValue(messageId, out var turn) || turn.UserId != userId)
        {
            return false;
        }

        await turn.Cancellation.CancelAsync();
        await turn.Completion;
        return true;
    }

    /// <summary>Before anything is done with a session id a client sent: someone else's session is "not found",
    /// and nothing of theirs (such as their live answer) is touched.</summary>
    private async Task EnsureOwnerAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        if (await store.GetSessionAsync(userId, sessionId, cancellationToken) is null)
        {
            throw new SessionNotFoundException();
        }
    }

    private async Task SpendBudgetAsync(string userId, CancellationToken cancellationToken)
    {
        var decision = await rateLimiter.TryAcquireAsync(userId, cancellationToken);
        if (!decision.Allowed)
        {
            throw new RateLimitExceededException(decision.RetryAfter);
        }
    }

    private async Task StopSessionAsync(string userId, string sessionId)
    {
        foreach (var turn in _live.Values.Where(t => t.SessionId == sessionId && t.UserId == userId).ToList())
        {
            await turn.Cancellation.CancelAsync();
            await turn.Completion;
        }
    }

    private void Start(string userId, string sessionId, MessageView user, MessageView assistant, IReadOnlyList<string>? forcedExperts, bool readAloud)
    {
        var turn = new LiveTurn(sessionId, userId, assistant.Id, user.Id);
        _live[assistant.Id] = turn;
        turn.Completion = Task.Run(() => RunAsync(turn, user, assistant.Sequence, forcedExperts, readAloud));
        SessionChanged?.Invoke(sessionId);
    }

    private async Task RunAsync(LiveTurn turn, MessageView user, int sequence, IReadOnlyList<string>? forcedExperts, bool readAloud)
    {
        var writer = new MessageEventWriter(contexts, turn.MessageId, turn.UserMessageId);
        var view = new MessageView { Id = turn.MessageId, Role = MessageRoles.Assistant, Sequence = sequence };
        var status = MessageStatuses.Complete;
        var token = turn.Cancellation.Token;
        try
        {
            var history = await store.HistoryAsync(turn.SessionId, user.Sequence, textOptions.Value.HistoryMessages, token);
            var request = new Turn(user.Text, user.Attachments, turn.SessionId, turn.UserId, history) { ReadAloud = readAloud };
            await foreach (var e in brain.AnswerAsync(request, forcedExperts, token))
            {
                // Written before it is shown: whatever a watcher sees survives a reload.
                await writer.WriteAsync(e, CancellationToken.None);
                view.Apply(e);
                turn.Publish(e);
                if (e is ExpertFailed { Reason: FailureReasons.Interrupted })
                {
                    status = MessageStatuses.Interrupted;
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            status = MessageStatuses.Stopped;
        }
        catch (Exception ex)
        {
            status = MessageStatuses.Failed;
            LogTurnFailed(logger, ex, turn.MessageId);
            var failed = new ExpertFailed("brain", "The answer failed; an admin can see why on /admin.", FailureReasons.Error);
            try
            {
                await writer.WriteAsync(failed, CancellationToken.None);
            }
            catch (Exception writeError)
            {
                LogTurnFailed(logger, writeError, turn.MessageId);
            }

            turn.Publish(failed);
        }
        finally
        {
            try
            {
                await writer.FinishAsync(status, view.AnswerText);
            }
            catch (Exception ex)
            {
                LogTurnFailed(logger, ex, turn.MessageId);
            }

            _live.TryRemove(turn.MessageId, out _);
            turn.Finish();
            SessionChanged?.Invoke(turn.SessionId);
        }
    }

    public void Dispose()
    {
        foreach (var turn in _live.Values)
        {
            turn.Cancellation.Cancel();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answer {MessageId} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string messageId);
}
