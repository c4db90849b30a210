using WorkBrain.Core.Events;
using WorkBrain.Web.Conversations.Live;

namespace WorkBrain.Tests.Web.Conversations.Live;

/// <summary>A watcher reads the events that queued for it as one batch, and one that is waiting gets the next event alone,
/// at once: batches are what had already arrived, never held back to fill.</summary>
public sealed class InMemoryLiveAnswerStoreTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WatchBatches_WhatQueuedComesTogether_FromTheIndexAsked_ThenEachEventAsItArrives()
    {
        var store = new InMemoryLiveAnswerStore();
        await store.BeginAsync(new LiveAnswer("m1", "s1", "ada"));
        for (var i = 0; i < 5; i++)
        {
            await store.AppendAsync("m1", i, new TextDelta("text_generation", $"w{i} "));
        }

        using var timeout = new CancellationTokenSource(Wait);
        await using var batches = store.WatchBatchesAsync("m1", 2, timeout.Token).GetAsyncEnumerator(timeout.Token);
        Assert.True(await batches.MoveNextAsync());
        Assert.Equal(["w2 ", "w3 ", "w4 "], batches.Current.Cast<TextDelta>().Select(d => d.Text));

        // The watcher waits; the next event is its own batch.
        var next = batches.MoveNextAsync().AsTask();
        Assert.False(next.IsCompleted);
        await store.AppendAsync("m1", 5, new TextDelta("text_generation", "w5 "));
        Assert.True(await next.WaitAsync(timeout.Token));
        Assert.Equal(["w5 "], batches.Current.Cast<TextDelta>().Select(d => d.Text));

        await store.EndAsync("m1");
        Assert.False(await batches.MoveNextAsync());
    }
}
