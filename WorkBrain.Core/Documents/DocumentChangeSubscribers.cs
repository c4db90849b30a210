using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Core.Documents;

/// <summary>The subscribers of a <see cref="IDocumentChangeFeed"/>, each hearing every change. A subscriber must not throw
/// (<see cref="DocumentLibrary"/>, the one in the app, reports its listeners' exceptions itself).</summary>
public sealed class DocumentChangeSubscribers
{
    private readonly Lock _gate = new();
    private Action<DocumentInfo>[] _handlers = [];

    public IDisposable Add(Action<DocumentInfo> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _handlers = [.. _handlers, onChange];
        }

        return new Subscription(this, onChange);
    }

    public void Raise(DocumentInfo document)
    {
        foreach (var handler in Volatile.Read(ref _handlers))
        {
            handler(document);
        }
    }

    private void Remove(Action<DocumentInfo> onChange)
    {
        lock (_gate)
        {
            var index = Array.IndexOf(_handlers, onChange);
            if (index >= 0)
            {
                _handlers = [.. _handlers[..index], .. _handlers[(index + 1)..]];
            }
        }
    }

    private sealed class Subscription(DocumentChangeSubscribers owner, Action<DocumentInfo> onChange) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Remove(onChange);
            }
        }
    }
}
