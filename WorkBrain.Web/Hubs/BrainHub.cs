using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Hubs;

/// <summary>
/// The Brain for non-Blazor clients at /hubs/brain. Streams are the same BrainEvents the chat shows, each a JSON
/// object with a "type". A stream ends when the client cancels or disconnects; the answer itself goes on and can be
/// resumed with <see cref="Watch"/> from the number of events already received, where a text_delta with "events": n
/// (text deltas of one expert that had queued for a client that fell behind, sent as one) counts as n.
/// </summary>
public sealed class BrainHub(ConversationService conversations, ChatStore store, CurrentUser currentUser, IOptions<HubStreamOptions> options) : Hub<IBrainClient>
{
    public async IAsyncEnumerable<HubEvent> Ask(AskRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new HubException("The message is empty.");
        }

        var userId = UserId;
        var started = await StartAsync(userId, request, cancellationToken);
        yield return HubEvent.Of(new TurnStarted(started.SessionId, started.UserMessageId, started.AssistantMessageId));
        await foreach (var item in ItemsOf(conversations.WatchBatchesAsync(userId, started.AssistantMessageId, 0, cancellationToken)))
        {
            yield return item;
        }

        await WrittenAsync(started);
    }

    /// <summary>The answer's events from <paramref name="from"/> on while it is live; nothing once it is finished
    /// (read it with <see cref="GetMessages"/>).</summary>
    public IAsyncEnumerable<HubEvent> Watch(string messageId, int from, CancellationToken cancellationToken) =>
        ItemsOf(conversations.WatchBatchesAsync(UserId, messageId, from, cancellationToken));

    /// <summary>The hub items for a watch's batches (queued text deltas merged unless <c>Hub:MergeQueuedDeltas</c> is off).</summary>
    private async IAsyncEnumerable<HubEvent> ItemsOf(IAsyncEnumerable<IReadOnlyList<BrainEvent>> batches)
    {
        await foreach (var batch in batches)
        {
            foreach (var item in HubEvent.Of(batch, options.Value.MergeQueuedDeltas))
            {
                yield return item;
            }
        }
    }

    public Task<bool> Stop(string messageId) => conversations.StopAsync(UserId, messageId);

    public Task<IReadOnlyList<SessionSummary>> GetSessions(string? search = null) => store.ListSessionsAsync(UserId, search, Context.ConnectionAborted);

    public async Task<IReadOnlyList<MessageDto>> GetMessages(string sessionId)
    {
        var messages = await store.LoadMessagesAsync(UserId, sessionId, cancellationToken: Context.ConnectionAborted)
                       ?? throw new HubException("Session not found.");
        return messages.Select(MessageDto.From).ToList();
    }

    /// <summary>Starts the answer, which streams while its turn is written (see <see cref="ConversationService.AskLiveAsync"/>);
    /// what the client got wrong (someone else's or an unknown session, an invalid expert list, the request budget spent)
    /// comes back as a typed hub error with a message for the user.</summary>
    private async Task<ConversationService.LiveTurn> StartAsync(string userId, AskRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await conversations.AskLiveAsync(userId, request.SessionId, request.Text, null, request.Experts, cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SessionNotFoundException or RateLimitExceededException or MessageTooLongException)
        {
            throw new HubException(ex is ArgumentException { ParamName: { } name } a ? a.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message);
        }
    }

    /// <summary>The stream ends with an error when the turn could not be written (its session was deleted meanwhile):
    /// the answer was stopped and nothing of it was kept.</summary>
    private static async Task WrittenAsync(ConversationService.LiveTurn started)
    {
        try
        {
            await started.Written;
        }
        catch (KeyNotFoundException)
        {
            throw new HubException("Session not found.");
        }
    }

    private string UserId => currentUser.IdOf(Context.User);
}
