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

    public async IAsyncEnumerable<BrainEvent> WatchAsync(string messageId, int from, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in WatchBatchesAsync(messageId, from, cancellationToken))
        {
            foreach (var e in batch)
            {
                yield return e;
            }
        }
    }

    public IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchBatchesAsync(string messageId, int from, CancellationToken cancellationToken = default) =>
        _answers.TryGetValue(messageId, out var entry) ? entry.WatchAsync(from, cancellationToken) : AsyncEnumerable.Empty<IReadOnlyList<BrainEvent>>();

    private sealed class Entry(LiveAnswer answer)
    {
        private readonly Lock _gate = new();
        private readonly List<BrainEvent> _events = [];
        private readonly List<Channel<BrainEvent>> _watchers = [];
        private bool _finished;

        public LiveAnswer Answer { get; } = answer;

        public void Publish(BrainEvent e)
        {
            lock (_gate)
            {
                _events.Add(e);
                foreach (var w in _watchers)
                {
                    w.Writer.TryWrite(e);
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                _finished = true;
                foreach (var w in _watchers)
                {
                    w.Writer.TryComplete();
                }

                _watchers.Clear();
            }
        }

        public async IAsyncEnumerable<IReadOnlyList<BrainEvent>> WatchAsync(int from, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var channel = Channel.CreateUnbounded<BrainEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
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
                    _watchers.Add(channel);
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
                    _watchers.Remove(channel);
                }
            }
        }
    }
}
