using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Documents;

/// <summary>Indexes the library's queued documents with <see cref="DocumentsOptions.IndexingWorkers"/> workers, users
/// served in turn. On start, documents still queued go back on the queue, and one a restart interrupted while it was
/// being indexed is failed, never parsed again by itself (it may be what stopped the server). With several replicas on one
/// database each pending document is claimed by one replica (a lease it renews); a stale claim is taken over.
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
            await library.RecoverPendingAsync(startUp: true, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRequeueFailed(ex);
        }

        var workers = options?.Value.IndexingWorkers ?? 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)).Append(KeepClaimsAsync(stoppingToken)));
    }

    /// <summary>Renews this replica's claims on its pending documents every third of the lease, and every lease takes over
    /// the work of replicas that stopped renewing theirs (several replicas share one database).</summary>
    private async Task KeepClaimsAsync(CancellationToken stoppingToken)
    {
        var lease = TimeSpan.FromSeconds(options?.Value.LeaseSeconds ?? new DocumentsOptions().LeaseSeconds);
        using var timer = new PeriodicTimer(lease / 3);
        var ticks = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await library.RenewLeasesAsync(stoppingToken);
                    if (++ticks % 3 == 0)
                    {
                        await library.RecoverPendingAsync(startUp: false, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogClaimsFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew or take over document claims; retrying at the next interval")]
    private partial void LogClaimsFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Indexing document {DocumentId} failed")]
    private partial void LogIndexFailed(Exception exception, string documentId);
}
