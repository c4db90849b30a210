namespace WorkBrain.Web.Conversations.Live;

/// <summary>One process: a stop request goes straight to this process's listeners.</summary>
internal sealed class InMemoryAnswerStopBus : IAnswerStopBus
{
    private readonly Lock _gate = new();
    private ImmutableListeners _listeners = new([]);

    public Task RequestStopAsync(string messageId)
    {
        foreach (var listener in _listeners.Items)
        {
            listener(messageId);
        }

        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<string> onStop)
    {
        lock (_gate)
        {
            _listeners = new([.. _listeners.Items, onStop]);
        }

        return new Unsubscriber(() =>
        {
            lock (_gate)
            {
                _listeners = new(_listeners.Items.Where(l => l != onStop).ToArray());
            }
        });
    }

    private sealed record ImmutableListeners(Action<string>[] Items);

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
