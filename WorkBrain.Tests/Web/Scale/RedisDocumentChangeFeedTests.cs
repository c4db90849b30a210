using Microsoft.Extensions.Logging.Abstractions;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Scale;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>Two replicas' document feeds on one Redis: what one publishes, the other hears, and the progress of a document
/// being indexed is read on either until it ends. The in-process feed does the same within one process.</summary>
public sealed class RedisDocumentChangeFeedTests
{
    private static DocumentInfo Document(DocumentStatus status, double progress) =>
        new("doc1", "ada", "notes.txt", "text/plain", "sha", status, status == DocumentStatus.Failed ? "it broke" : null, 0, 0, DateTimeOffset.UnixEpoch, progress);

    [Fact]
    public async Task ProgressPublishedOnOneReplica_IsHeardAndReadOnTheOther_UntilItEnds()
    {
        await using var server = await RedisServer.StartAsync();
        await using var redisA = await server.ConnectAsync();
        await using var redisB = await server.ConnectAsync();
        var options = new RedisOptions { Connection = server.Connection, KeyPrefix = "wbtest-" + Guid.NewGuid().ToString("N")[..8] + ":" };
        using var onA = new RedisDocumentChangeFeed(redisA, options, NullLogger<RedisDocumentChangeFeed>.Instance);
        using var onB = new RedisDocumentChangeFeed(redisB, options, NullLogger<RedisDocumentChangeFeed>.Instance);
        var heardOnA = new System.Collections.Concurrent.ConcurrentQueue<DocumentInfo>();
        var heardOnB = System.Threading.Channels.Channel.CreateUnbounded<DocumentInfo>();
        var readyOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = onA.Subscribe(d =>
        {
            heardOnA.Enqueue(d);
            if (d.Status == DocumentStatus.Ready)
            {
                readyOnA.TrySetResult();
            }
        });
        using var b = onB.Subscribe(d => heardOnB.Writer.TryWrite(d));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await onA.PublishAsync(Document(DocumentStatus.Indexing, 0.4));
        var progress = await heardOnB.Reader.ReadAsync(timeout.Token);
        Assert.Equal((DocumentStatus.Indexing, 0.4), (progress.Status, progress.Progress));
        Assert.Equal(0.4, await onB.FindProgressAsync("doc1"));

        await onA.PublishAsync(Document(DocumentStatus.Failed, 0));
        var end = await heardOnB.Reader.ReadAsync(timeout.Token);
        Assert.Equal((DocumentStatus.Failed, "it broke"), (end.Status, end.Message));
        Assert.Null(await onB.FindProgressAsync("doc1"));
        Assert.Null(await onA.FindProgressAsync("doc1"));

        // A replica hears its own changes once (at once, not again from the channel): B's end was the last message, so
        // anything A sent itself through Redis has arrived by now.
        await onB.PublishAsync(Document(DocumentStatus.Ready, 1));
        Assert.Equal(DocumentStatus.Ready, (await heardOnB.Reader.ReadAsync(timeout.Token)).Status);
        await readyOnA.Task.WaitAsync(timeout.Token);
        Assert.Equal([DocumentStatus.Indexing, DocumentStatus.Failed, DocumentStatus.Ready], heardOnA.Select(d => d.Status));
    }

    [Fact]
    public async Task InProcess_KeepsProgressWhileIndexing_AndTellsSubscribersUntilTheyLeave()
    {
        var feed = new InProcessDocumentChangeFeed();
        var heard = new List<DocumentStatus>();
        var subscription = feed.Subscribe(d => heard.Add(d.Status));

        await feed.PublishAsync(Document(DocumentStatus.Indexing, 0.3));
        Assert.Equal(0.3, await feed.FindProgressAsync("doc1"));
        await feed.PublishAsync(Document(DocumentStatus.Ready, 1));
        Assert.Null(await feed.FindProgressAsync("doc1"));
        subscription.Dispose();
        await feed.PublishAsync(Document(DocumentStatus.Indexing, 0.5));

        Assert.Equal([DocumentStatus.Indexing, DocumentStatus.Ready], heard);
    }
}
