using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using WorkBrain.Core.Events;

namespace WorkBrain.Web.Conversations.Live;

/// <summary>One process: each live answer keeps its events in memory while it runs, and watchers get them through
/// their own channel. This is the default (no Redis configured).</summary>
internal sealed class InMemoryLiveAnswerStore : ILiveAnswerStore
{
    private readonly ConcurrentDictionary<string, Entry> _answers = new(StringComparer.Ordinal);

    public Task BeginAsync(LiveAnswer answer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _answers[answer.MessageId] = new Entry(answer);
        return Task.CompletedTask;
    }

    public ValueTask AppendAsync(string messageId, int index, BrainEvent e, CancellationToken cancellationToken = default)
    {
        if (_answers.TryGetValue(messageId, out var entry))
        {
            entry.Publish(e);
        }

        return ValueTask.CompletedTask;
    }

    public Task EndAsync(string messageId)
    {
        if (_answers.TryRemove(messageId, out var entry))
        {
            entry.Finish();
        }

        return Task.CompletedTask;
    }

    public Task<LiveAnswer?> FindAsync(string messageId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_answers.TryGetValue(messageId, out var entry) ? entry.Answer : null);

    public Task<LiveAnswer?> FindBySessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_answers.Values.FirstOrDefault(e => e.Answer.SessionId == sessionId)?.Answer);

    public IAsyncEnumerable<BrainEvent> WatchAsync(string messageId, int from, CancellationToken cancellationToken = default) =>
        WatchBatchesAsync(messageId, from, cancellationToken).Flatten(cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchBatchesAsync(string messageId, int from, CancellationToken cancellationToken = default) =>
        _answers.TryGetValue(messageId, out var entry) ? entry.WatchAsync(from, cancellationToken) : AsyncEnumerable.Empty<IReadOnlyList<BrainEvent>>();

    /// <summary>Watchers' channels continue their readers synchronously: a hub stream waiting for the next token takes it
    /// on the thread that publishes it (the answer's reader) instead of through the thread pool, one hop less per token
    /// and watcher. So they are written outside the lock (a reader runs its own code there, sending included); the list
    /// of watchers is copied on change, and one publisher per answer keeps every watcher's events in order.</summary>
    private sealed class Entry(LiveAnswer answer)
    {
        private readonly Lock _gate = new();
        private readonly List<BrainEvent> _events = [];
        private Channel<BrainEvent>[] _watchers = [];
        private bool _finished;

        public LiveAnswer Answer { get; } = answer;

        public void Publish(BrainEvent e)
        {
            Channel<BrainEvent>[] watchers;
            lock (_gate)
            {
                _events.Add(e);
                watchers = _watchers;
            }

            // A watcher that joins from here on copied e with the events before it, and is not in this copy of the list.
            foreach (var w in watchers)
            {
                w.Writer.TryWrite(e);
            }
        }

        public void Finish()
        {
            Channel<BrainEvent>[] watchers;
            lock (_gate)
            {
                _finished = true;
                watchers = _watchers;
                _watchers = [];
            }

            foreach (var w in watchers)
            {
                w.Writer.TryComplete();
            }
        }

        public async IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchAsync(int from, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var channel = Channel.CreateUnbounded<BrainEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false, AllowSynchronousContinuations = true });
            lock (_gate)
            {
                for (var i = Math.Max(0, from); i < _events.Count; i++)
                {
                    channel.Writer.TryWrite(_events[i]);
                }

                if (_finished)
                {
                    channel.Writer.TryComplete();
                }
                else
                {
                    _watchers = [.. _watchers, channel];
                }
            }

            try
            {
                var reader = channel.Reader;
                while (await reader.WaitToReadAsync(cancellationToken))
                {
                    var batch = new List<BrainEvent>();
                    while (reader.TryRead(out var e))
                    {
                        batch.Add(e);
                    }

                    if (batch.Count > 0)
                    {
                        yield return batch;
                    }
                }
            }
            finally
            {
                lock (_gate)
                {
                    _watchers = _watchers.Where(w => w != channel).ToArray();
                }
            }
        }
    }
}
