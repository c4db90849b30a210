using Microsoft.Extensions.Hosting;

namespace WorkBrain.Core.Documents;

/// <summary>Consumes the library's indexing queue one document at a time; on start, re-queues documents a restart interrupted.</summary>
public sealed class DocumentIndexingService(DocumentLibrary library) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await library.RequeuePendingAsync(stoppingToken);
        await foreach (var (userId, documentId) in library.Queue.ReadAllAsync(stoppingToken))
        {
            await library.IndexAsync(userId, documentId, stoppingToken);
        }
    }
}
