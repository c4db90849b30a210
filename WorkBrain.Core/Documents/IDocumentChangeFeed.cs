using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Core.Documents;

/// <summary>Where changes of documents (added, indexing progress, ready, failed) are published and heard, and where the
/// progress of a document being indexed is kept. In this process by default (<see cref="InProcessDocumentChangeFeed"/>);
/// replicas that share a database share one through Redis, so a page or waiter on any replica follows a document that
/// another replica indexes. The store stays the truth for a document's status; the feed carries what the store does not
/// (progress) and says when to look.</summary>
public interface IDocumentChangeFeed
{
    /// <summary>Tells every subscriber (here at once, and on every replica sharing the feed) and keeps the document's progress
    /// while it is <see cref="DocumentStatus.Indexing"/> (forgotten once it is anything else).</summary>
    Task PublishAsync(DocumentInfo document, CancellationToken cancellationToken = default);

    /// <summary>The last progress published for a document being indexed, or null when none is known.</summary>
    Task<double?> FindProgressAsync(string documentId, CancellationToken cancellationToken = default);

    /// <summary>Hears every change published through this feed, by this process or another replica; called on a background
    /// thread. Dispose the result to stop.</summary>
    IDisposable Subscribe(Action<DocumentInfo> onChange);
}
