using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Documents;

/// <summary>Indexes the library's queued documents with <see cref="DocumentsOptions.IndexingWorkers"/> workers, users
/// served in turn. On start, documents still queued go back on the queue, and one a restart interrupted while it was
/// being indexed is failed, never parsed again by itself (it may be what stopped the server).
/// An error never stops the service (a BackgroundService that throws would stop the host).</summary>
public sealed partial class DocumentIndexingService(
    DocumentLibrary library, IOptions<DocumentsOptions>? options = null, ILogger<DocumentIndexingService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<DocumentIndexingService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await library.RecoverPendingAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequeueFailed(ex);
        }

        var workers = options?.Value.IndexingWorkers ?? 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            FairIndexingQueue.Lease lease;
            try
            {
                lease = await library.Queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using (lease)
            {
                try
                {
                    await library.IndexAsync(lease.UserId, lease.DocumentId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogIndexFailed(ex, lease.DocumentId);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not recover documents left pending by a restart")]
    private partial void LogRequeueFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing document {DocumentId} failed")]
    private partial void LogIndexFailed(Exception exception, string documentId);
}
