using WorkBrain.Core.Events;

namespace WorkBrain.Web.Conversations.Live;

/// <summary>An answer being written somewhere: which message, whose, in which session.</summary>
public sealed record LiveAnswer(string MessageId, string SessionId, string UserId);

/// <summary>
/// Where the events of running answers live, so any watcher (a reloaded page, a second tab, a hub client, on this
/// replica or another) can join late or resume after a drop from any event index and miss nothing.
/// In memory for one process; Redis Streams when several replicas share Redis.
/// </summary>
public interface ILiveAnswerStore
{
    /// <summary>Registers a new live answer; watchers may join as soon as this returns.</summary>
    Task BeginAsync(LiveAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>Appends the answer's event number <paramref name="index"/> (0, 1, 2, … in order).</summary>
    ValueTask AppendAsync(string messageId, int index, BrainEvent e, CancellationToken cancellationToken = default);

    /// <summary>Marks the answer finished: watchers get the rest and end; it is no longer live.</summary>
    Task EndAsync(string messageId);

    /// <summary>The answer while it is live; null once it is finished (the database has all of it) or unknown.</summary>
    Task<LiveAnswer?> FindAsync(string messageId, CancellationToken cancellationToken = default);

    /// <summary>The live answer of a session, if one is running.</summary>
    Task<LiveAnswer?> FindBySessionAsync(string sessionId, CancellationToken cancellationToken = default);

    /// <summary>Events from index <paramref name="from"/> on, then live ones until the answer ends. Ownership is the
    /// caller's job (see <see cref="ConversationService"/>).</summary>
    IAsyncEnumerable<BrainEvent> WatchAsync(string messageId, int from, CancellationToken cancellationToken = default);

    /// <summary>As <see cref="WatchAsync"/>, in the batches the events are at hand in: each batch (never empty) is
    /// everything that had arrived, and not yet been read, when the watcher asked, so a watcher that falls behind can
    /// handle what queued meanwhile at once (the hub sends queued text deltas as one message). Nothing waits for a batch to fill.</summary>
    IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchBatchesAsync(string messageId, int from, CancellationToken cancellationToken = default);
}
