using System.Threading.Channels;
using WorkBrain.Core.Events;

namespace WorkBrain.Web.Conversations;

/// <summary>An answer being written on the server. It keeps every event so far, so any number of watchers
/// (a reloaded page, a second tab, a hub client) can join late or resume after a drop and miss nothing.</summary>
internal sealed class LiveTurn(string sessionId, string userId, string messageId, string userMessageId)
{
    private readonly Lock _gate = new();
    private readonly List<BrainEvent> _events = [];
    private readonly List<Channel<BrainEvent>> _watchers = [];
    private bool _finished;

    public string SessionId { get; } = sessionId;

    public string UserId { get; } = userId;

    public string MessageId { get; } = messageId;

    public string UserMessageId { get; } = userMessageId;

    public CancellationTokenSource Cancellation { get; } = new();

    public Task Completion { get; set; } = Task.CompletedTask;

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

    /// <summary>Events from index <paramref name="from"/> on, then live ones until the answer is finished.</summary>
    public async IAsyncEnumerable<BrainEvent> WatchAsync(int from, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
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
            await foreach (var e in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return e;
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
