using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Text;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Conversations.Live;
using WorkBrain.Web.Data;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Conversations;

/// <summary>
/// Runs answers on the server, independent of any browser: closing the tab or losing the connection does not stop
/// an answer; it is written to the database event by event and can be watched again from any page or hub client.
/// One answer per session at a time: a new prompt stops the running one, which keeps its partial text.
/// The events of running answers go through <see cref="ILiveAnswerStore"/> and stop requests through
/// <see cref="IAnswerStopBus"/>, so with Redis any replica can watch, resume or stop an answer another one runs.
/// </summary>
public sealed partial class ConversationService(
    IBrain brain,
    ChatStore store,
    AnswerWriteQueue answerWrites,
    IOptions<TextGenerationOptions> textOptions,
    IOptions<MessageLimitsOptions> messageLimits,
    IOptions<GateOptions> gateOptions,
    IUserRateLimiter rateLimiter,
    ILiveAnswerStore liveAnswers,
    IAnswerStopBus stops,
    IOptions<StreamWriteOptions> writeOptions,
    TimeProvider clock,
    ILogger<ConversationService> logger,
    ExpertCatalog? expertCatalog = null,
    IHostApplicationLifetime? lifetime = null) : IAsyncDisposable, IDisposable
{
    /// <summary>How long a stop request waits for another replica to end the answer.</summary>
    private static readonly TimeSpan RemoteStopWait = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, RunningTurn> _running = new(StringComparer.Ordinal);
    private readonly Lock _subscribing = new();
    private IDisposable? _stopSubscription;

    /// <summary>Raised (on a background thread) when an answer starts or finishes, with its session id.</summary>
    public event Action<string>? SessionChanged;

    public sealed record StartedTurn(string SessionId, MessageView User, MessageView Assistant);

    /// <summary>A turn whose answer is live (watch <see cref="AssistantMessageId"/> from event 0) while its rows are still
    /// being written: <see cref="Written"/> completes once they are committed, or fails, and then the answer has been
    /// stopped and nothing of it is kept.</summary>
    public sealed record LiveTurn(string SessionId, string UserMessageId, string AssistantMessageId, Task<StartedTurn> Written);

    /// <summary>Adds the user's message to the session (a new one when <paramref name="sessionId"/> is null) and starts answering it;
    /// <paramref name="readAloud"/> has the answer spoken too (tts added to the gate's choice). The answer goes live
    /// once the turn is written, which is when this returns (the chat page shows the turn's rows first).</summary>
    public async Task<StartedTurn> AskAsync(
        string userId, string? sessionId, string text, IReadOnlyList<Attachment>? attachments = null,
        IReadOnlyList<string>? forcedExperts = null, bool readAloud = false, CancellationToken cancellationToken = default) =>
        await (await BeginTurnAsync(userId, sessionId, text, attachments, forcedExperts, readAloud, liveBeforeWritten: false, cancellationToken)).Written;

    /// <summary>As <see cref="AskAsync"/>, but the answer goes live, and this returns, without waiting for the database
    /// (the hub): its first events reach a watcher while the turn's rows are written. Its own writes follow the rows, so
    /// the stored answer is the same; a crash before the rows are in loses the turn, as it loses the last flush window.</summary>
    public Task<LiveTurn> AskLiveAsync(
        string userId, string? sessionId, string text, IReadOnlyList<Attachment>? attachments = null,
        IReadOnlyList<string>? forcedExperts = null, bool readAloud = false, CancellationToken cancellationToken = default) =>
        BeginTurnAsync(userId, sessionId, text, attachments, forcedExperts, readAloud, liveBeforeWritten: true, cancellationToken);

    private async Task<LiveTurn> BeginTurnAsync(
        string userId, string? sessionId, string text, IReadOnlyList<Attachment>? attachments,
        IReadOnlyList<string>? forcedExperts, bool readAloud, bool liveBeforeWritten, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        attachments ??= [];
        if (string.IsNullOrWhiteSpace(text) && attachments.Count == 0)
        {
            throw new ArgumentException("Type a message or attach a file.", nameof(text));
        }

        messageLimits.Value.Check(text);
        forcedExperts = ExpertChoice.Validate(forcedExperts, gateOptions.Value.MaxExperts, expertCatalog);
        await SpendBudgetAsync(userId, cancellationToken);
        var forced = forcedExperts is { Count: > 0 } ? string.Join(",", forcedExperts) : null;
        var isNew = sessionId is null;
        if (sessionId is not null)
        {
            await EnsureOwnerAsync(userId, sessionId, cancellationToken);
            await StopSessionAsync(userId, sessionId);
        }

        // The engine is asked (and, for the hub, the answer goes live) while the turn is written, so the write is not part
        // of the time to the first token. The rows go in the answer write queue's next round, with other turn starts only (starting
        // together is one commit), and before any of the answer's own writes, which are dropped if the rows fail.
        var ids = TurnIds.New(sessionId);
        var turn = new RunningTurn(new LiveAnswer(ids.Assistant, ids.Session, userId), ids.User);
        var history = isNew ? null : (Func<CancellationToken, Task<List<ChatMessage>>>)(ct =>
            store.HistoryAsync(ids.Session, int.MaxValue, textOptions.Value.HistoryMessages, ct, exceptMessageId: ids.User));
        turn.BeginAnswering(AnswerAsync(turn, new Turn(text.Trim(), attachments, ids.Session, userId, []) { ReadAloud = readAloud }, history, forcedExperts));
        Task<(MessageView User, MessageView Assistant)> rows;
        if (isNew)
        {
            // A new session and its first turn in one write: nothing can be running in it yet.
            var title = string.IsNullOrWhiteSpace(text) ? attachments[0].FileName : text;
            rows = ViewsAsync(answerWrites.WriteFirstAsync(db =>
                store.StartSessionAsync(db, userId, title, text.Trim(), attachments, forced, ids, CancellationToken.None)));
        }
        else
        {
            rows = answerWrites.WriteFirstAsync(db =>
                store.AddTurnAsync(db, userId, ids.Session, text.Trim(), attachments, forced, ids, CancellationToken.None));
        }

        if (!liveBeforeWritten)
        {
            MessageView user, assistant;
            try
            {
                (user, assistant) = await rows;
            }
            catch
            {
                await turn.AbandonAsync();
                throw;
            }

            await StartAsync(turn, rowsWritten: null);
            return new LiveTurn(ids.Session, ids.User, ids.Assistant, Task.FromResult(new StartedTurn(ids.Session, user, assistant)));
        }

        await StartAsync(turn, rows);
        return new LiveTurn(ids.Session, ids.User, ids.Assistant, WrittenAsync(turn, rows));

        static async Task<(MessageView, MessageView)> ViewsAsync(Task<(SessionSummary, MessageView User, MessageView Assistant)> started)
        {
            var (_, user, assistant) = await started;
            return (user, assistant);
        }
    }

    /// <summary>The turn once its rows are committed; if they cannot be, its answer is stopped (its writes were dropped)
    /// and the write's failure is thrown.</summary>
    private async Task<StartedTurn> WrittenAsync(RunningTurn turn, Task<(MessageView User, MessageView Assistant)> rows)
    {
        try
        {
            var (user, assistant) = await rows;
            SessionChanged?.Invoke(turn.Answer.SessionId);
            return new StartedTurn(turn.Answer.SessionId, user, assistant);
        }
        catch (Exception ex)
        {
            LogTurnNotWritten(logger, ex, turn.Answer.MessageId);
            await turn.Cancellation.CancelAsync();
            await turn.Completion;
            throw;
        }
    }

    /// <summary>Answers the session's last user message again, optionally on experts the user chose.</summary>
    public async Task<StartedTurn?> RegenerateAsync(
        string userId, string sessionId, IReadOnlyList<string>? forcedExperts = null, bool readAloud = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        forcedExperts = ExpertChoice.Validate(forcedExperts, gateOptions.Value.MaxExperts, expertCatalog);
        await SpendBudgetAsync(userId, cancellationToken);
        await EnsureOwnerAsync(userId, sessionId, cancellationToken);
        await StopSessionAsync(userId, sessionId);
        var forced = forcedExperts is { Count: > 0 } ? string.Join(",", forcedExperts) : null;
        var replaced = await store.ReplaceLastAnswerAsync(userId, sessionId, forced, cancellationToken);
        if (replaced is not { } turn)
        {
            return null;
        }

        var running = new RunningTurn(new LiveAnswer(turn.Assistant.Id, sessionId, userId), turn.User.Id);
        var history = turn.User.Sequence == 0 ? null : (Func<CancellationToken, Task<List<ChatMessage>>>)(ct =>
            store.HistoryAsync(sessionId, turn.User.Sequence, textOptions.Value.HistoryMessages, ct));
        running.BeginAnswering(AnswerAsync(running, new Turn(turn.User.Text, turn.User.Attachments, sessionId, userId, []) { ReadAloud = readAloud },
            history, forcedExperts));
        await StartAsync(running, rowsWritten: null);
        return new StartedTurn(sessionId, turn.User, turn.Assistant);
    }

    /// <summary>Whether the answer is being written now, here or on another replica.</summary>
    public async Task<bool> IsLiveAsync(string messageId, CancellationToken cancellationToken = default) =>
        await liveAnswers.FindAsync(messageId, cancellationToken) is not null;

    /// <summary>The answer's events from <paramref name="from"/> on while it is being written; empty when it is not
    /// live (then the database has all of it) or belongs to someone else. It also ends, quietly, when the app starts to
    /// stop: the host does not dispose Blazor circuits, and a page still watching would go on reading and rendering with
    /// services the container has disposed (the circuit died of an ObjectDisposedException on every restart).</summary>
    public IAsyncEnumerable<BrainEvent> WatchAsync(string userId, string messageId, int from = 0, CancellationToken cancellationToken = default) =>
        WatchBatchesAsync(userId, messageId, from, cancellationToken).Flatten(cancellationToken);

    /// <summary>As <see cref="WatchAsync"/>, in the batches the events were at hand in (see
    /// <see cref="ILiveAnswerStore.WatchBatchesAsync"/>): a watcher that fell behind gets what queued meanwhile together.</summary>
    public async IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchBatchesAsync(
        string userId, string messageId, int from = 0, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        if (stopping.IsCancellationRequested
            || await liveAnswers.FindAsync(messageId, cancellationToken) is not { } answer || answer.UserId != userId)
        {
            yield break;
        }

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping);
        await using var events = liveAnswers.WatchBatchesAsync(messageId, from, watch.Token).GetAsyncEnumerator(watch.Token);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                more = false;
            }

            if (!more)
            {
                yield break;
            }

            yield return events.Current;
        }
    }

    /// <summary>Stops the user's answer wherever it runs and returns once it has ended (its partial text is kept).</summary>
    public async Task<bool> StopAsync(string userId, string messageId)
    {
        if (await liveAnswers.FindAsync(messageId) is not { } answer || answer.UserId != userId)
        {
            return false;
        }

        await StopAndWaitAsync(messageId);
        return true;
    }

    /// <summary>Before anything is done with a session id a client sent: someone else's session is "not found",
    /// and nothing of theirs (such as their live answer) is touched.</summary>
    private async Task EnsureOwnerAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        if (await store.GetSessionAsync(userId, sessionId, cancellationToken) is not null)
        {
            return;
        }

        // A session whose first turn is live but not written yet is the user's too (they were given its id).
        if (await liveAnswers.FindBySessionAsync(sessionId, cancellationToken) is not { } live || live.UserId != userId)
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
        foreach (var turn in _running.Values.Where(t => t.Answer.SessionId == sessionId && t.Answer.UserId == userId).ToList())
        {
            await StopAndWaitAsync(turn.Answer.MessageId);
        }

        if (await liveAnswers.FindBySessionAsync(sessionId) is { UserId: var owner } elsewhere && owner == userId)
        {
            await StopAndWaitAsync(elsewhere.MessageId);
        }
    }

    private async Task StopAndWaitAsync(string messageId)
    {
        if (_running.TryGetValue(messageId, out var local))
        {
            await local.Cancellation.CancelAsync();
            await local.Completion;
            return;
        }

        // Another replica runs it: ask it to stop, and wait for the end of its event stream.
        using var wait = new CancellationTokenSource(RemoteStopWait);
        await stops.RequestStopAsync(messageId);
        try
        {
            await foreach (var _ in liveAnswers.WatchAsync(messageId, int.MaxValue / 2, wait.Token))
            {
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            LogRemoteStopTimedOut(logger, messageId);
        }
    }

    /// <summary>The answer goes live and is written from here on, after its rows (<paramref name="rowsWritten"/>, null
    /// when they are already written).</summary>
    private async Task StartAsync(RunningTurn turn, Task? rowsWritten)
    {
        ListenForStops();
        try
        {
            await liveAnswers.BeginAsync(turn.Answer);
        }
        catch
        {
            await turn.AbandonAsync();
            throw;
        }

        _running[turn.Answer.MessageId] = turn;
        turn.Completion = Task.Run(() => RunAsync(turn, rowsWritten));
        if (rowsWritten is null)
        {
            SessionChanged?.Invoke(turn.Answer.SessionId);
        }
    }

    /// <summary>The Brain's answer to <paramref name="request"/>, with the session's history read first when it has one.</summary>
    private async IAsyncEnumerable<BrainEvent> AnswerAsync(
        RunningTurn turn, Turn request, Func<CancellationToken, Task<List<ChatMessage>>>? history, IReadOnlyList<string>? forcedExperts)
    {
        var token = turn.Cancellation.Token;
        if (history is not null)
        {
            request = request with { History = await history(token) };
        }

        await foreach (var e in brain.AnswerAsync(request, forcedExperts, token))
        {
            yield return e;
        }
    }

    /// <summary>Stop requests for answers this process runs, from any replica; listened for once one runs here.</summary>
    private void ListenForStops()
    {
        lock (_subscribing)
        {
            _stopSubscription ??= stops.Subscribe(messageId =>
            {
                if (_running.TryGetValue(messageId, out var turn))
                {
                    turn.Cancellation.Cancel();
                }
            });
        }
    }

    private async Task RunAsync(RunningTurn turn, Task? rowsWritten)
    {
        var messageId = turn.Answer.MessageId;
        await using var writer = new MessageEventWriter(answerWrites, messageId, turn.UserMessageId, writeOptions.Value, clock, rowsWritten);
        var view = new MessageView { Id = messageId, Role = MessageRoles.Assistant };
        var index = 0;
        var status = MessageStatuses.Complete;
        var token = turn.Cancellation.Token;
        try
        {
            await foreach (var e in turn.Events.ReadAllAsync(token))
            {
                // Handed to the writer before it is shown: text is written within one flush window, anything else at once.
                await writer.WriteAsync(e, CancellationToken.None);
                view.Apply(e);
                await liveAnswers.AppendAsync(messageId, index++, e, CancellationToken.None);
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
            LogTurnFailed(logger, ex, messageId);
            var failed = new ExpertFailed("brain", "The answer failed; an admin can see why on /admin.", FailureReasons.Error);
            try
            {
                await writer.WriteAsync(failed, CancellationToken.None);
            }
            catch (Exception writeError)
            {
                LogTurnFailed(logger, writeError, messageId);
            }

            await PublishQuietlyAsync(messageId, index++, failed);
        }
        finally
        {
            try
            {
                await writer.FinishAsync(status, view.AnswerText);
            }
            catch (Exception ex)
            {
                LogTurnFailed(logger, ex, messageId);
            }

            await turn.StopAnsweringAsync();
            _running.TryRemove(messageId, out _);
            try
            {
                await liveAnswers.EndAsync(messageId);
            }
            catch (Exception ex)
            {
                LogTurnFailed(logger, ex, messageId);
            }

            SessionChanged?.Invoke(turn.Answer.SessionId);
        }
    }

    private async Task PublishQuietlyAsync(string messageId, int index, BrainEvent e)
    {
        try
        {
            await liveAnswers.AppendAsync(messageId, index, e, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogTurnFailed(logger, ex, messageId);
        }
    }

    /// <summary>Stops the running answers and waits (a bounded while) until they have let go of the engines, which the
    /// container disposes next: a gate or model still running native inference on a disposed session would crash the process.</summary>
    public async ValueTask DisposeAsync()
    {
        _stopSubscription?.Dispose();
        var running = _running.Values.ToList();
        foreach (var turn in running)
        {
            await turn.Cancellation.CancelAsync();
        }

        try
        {
            await Task.WhenAll(running.Select(t => t.Completion)).WaitAsync(ShutdownWait);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            LogShutdownWaitEnded(logger, running.Count(t => !t.Completion.IsCompleted));
        }
    }

    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    /// <summary>A container disposed synchronously: the same, blocking.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>An answer this process is running. Its events go through a buffer from the moment the engine is asked,
    /// so they can start before the turn's rows are written and are read, in order, once they are.</summary>
    private sealed class RunningTurn(LiveAnswer answer, string userMessageId)
    {
        // Synchronous continuations: the reader (RunAsync, which hands each event to the writer and the watchers and
        // then waits for the next) goes on in the producer's thread instead of being queued to the thread pool again for
        // every token; it does not block (the writer queues, the live store only hands over).
        private readonly Channel<BrainEvent> _events = Channel.CreateUnbounded<BrainEvent>(
            new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        private Task _answering = Task.CompletedTask;

        public LiveAnswer Answer { get; } = answer;

        public string UserMessageId { get; } = userMessageId;

        public CancellationTokenSource Cancellation { get; } = new();

        public Task Completion { get; set; } = Task.CompletedTask;

        /// <summary>The answer's events; completed with the Brain's failure (or cancellation) if it ends in one.</summary>
        public ChannelReader<BrainEvent> Events => _events.Reader;

        public void BeginAnswering(IAsyncEnumerable<BrainEvent> answer) => _answering = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in answer)
                {
                    _events.Writer.TryWrite(e);
                }

                _events.Writer.TryComplete();
            }
            catch (Exception ex)
            {
                _events.Writer.TryComplete(ex);
            }
        });

        /// <summary>Waits until the Brain has let go of the engines (the reader stopped early: cancelled).</summary>
        public async Task StopAnsweringAsync()
        {
            if (!_answering.IsCompleted)
            {
                await Cancellation.CancelAsync();
            }

            await _answering;
        }

        /// <summary>The turn could not be written: its answer stops unseen.</summary>
        public async Task AbandonAsync()
        {
            await Cancellation.CancelAsync();
            await _answering;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answer {MessageId} did not end within the wait after a stop request to the replica that runs it")]
    private static partial void LogRemoteStopTimedOut(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} answer(s) had not ended when the app stopped")]
    private static partial void LogShutdownWaitEnded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The turn of answer {MessageId} could not be written; the answer was stopped")]
    private static partial void LogTurnNotWritten(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answer {MessageId} failed")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string messageId);
}
