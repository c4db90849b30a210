using WorkBrain.Core.Documents;

namespace WorkBrain.Tests.Core.Documents;

public sealed class FairIndexingQueueTests
{
    [Fact]
    public async Task Take_UsersServedInTurn_NotInArrivalOrder()
    {
        var queue = new FairIndexingQueue(10);
        queue.TryEnqueue("alice", "a1");
        queue.TryEnqueue("alice", "a2");
        queue.TryEnqueue("alice", "a3");
        queue.TryEnqueue("bob", "b1");

        var order = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var lease = await queue.TakeAsync(CancellationToken.None);
            order.Add(lease.DocumentId);
        }

        Assert.Equal(["a1", "b1", "a2", "a3"], order);
    }

    [Fact]
    public async Task Take_UserWithADocumentBeingIndexed_WaitsWhileOthersAreServed()
    {
        var queue = new FairIndexingQueue(10);
        queue.TryEnqueue("alice", "a1");
        queue.TryEnqueue("alice", "a2");
        queue.TryEnqueue("bob", "b1");

        var first = await queue.TakeAsync(CancellationToken.None);
        var second = await queue.TakeAsync(CancellationToken.None);
        var third = queue.TakeAsync(CancellationToken.None);

        Assert.Equal(("a1", "b1"), (first.DocumentId, second.DocumentId));
        Assert.False(third.IsCompleted);
        first.Dispose();
        using var next = await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("a2", next.DocumentId);
        second.Dispose();
    }

    [Fact]
    public void TryEnqueue_PerUserCapacity_RefusesOnlyThatUser()
    {
        var queue = new FairIndexingQueue(2);

        Assert.True(queue.TryEnqueue("alice", "a1"));
        Assert.True(queue.TryEnqueue("alice", "a2"));
        Assert.False(queue.TryEnqueue("alice", "a3"));
        Assert.True(queue.TryEnqueue("bob", "b1"));
        Assert.True(queue.TryEnqueue("alice", "a3", force: true));
        Assert.Equal(3, queue.CountFor("alice"));
    }

    [Fact]
    public async Task Take_Cancelled_Throws()
    {
        var queue = new FairIndexingQueue(2);
        using var cancel = new CancellationTokenSource();
        var take = queue.TakeAsync(cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => take);
    }
}
