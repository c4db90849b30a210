using System.Collections.Concurrent;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Core.Documents;

/// <summary>Document changes and progress within this process: one replica, or no shared Redis.</summary>
public sealed class InProcessDocumentChangeFeed : IDocumentChangeFeed
{
    private readonly ConcurrentDictionary<string, double> _progress = new(StringComparer.Ordinal);
    private readonly DocumentChangeSubscribers _subscribers = new();

    public Task PublishAsync(DocumentInfo document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Status == DocumentStatus.Indexing)
        {
            _progress[document.Id] = document.Progress;
        }
        else
        {
            _progress.TryRemove(document.Id, out _);
        }

        _subscribers.Raise(document);
        return Task.CompletedTask;
    }

    public Task<double?> FindProgressAsync(string documentId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_progress.TryGetValue(documentId, out var progress) ? progress : (double?)null);

    public IDisposable Subscribe(Action<DocumentInfo> onChange) => _subscribers.Add(onChange);
}
