using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WorkBrain.Core.Documents;

/// <summary>Consumes the library's indexing queue one document at a time; on start, re-queues documents a restart interrupted.
/// An error never stops the service (a BackgroundService that throws would stop the host).</summary>
public sealed partial class DocumentIndexingService(DocumentLibrary library, ILogger<DocumentIndexingService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = logger ?? NullLogger<DocumentIndexingService>.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await library.RequeuePendingAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequeueFailed(ex);
        }

        await foreach (var (userId, documentId) in library.Queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await library.IndexAsync(userId, documentId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogIndexFailed(ex, documentId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not re-queue documents left pending by a restart")]
    private partial void LogRequeueFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing document {DocumentId} failed")]
    private partial void LogIndexFailed(Exception exception, string documentId);
}
