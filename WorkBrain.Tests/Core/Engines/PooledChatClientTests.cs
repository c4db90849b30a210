using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Engines.Pooled;
using WorkBrain.Core.Text;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Engines;

/// <summary>A pool of two real HTTP engines, one of them broken in some way: calls land on the healthy one, and the
/// pool's status (what /admin shows) says why the other was skipped.</summary>
public sealed class PooledChatClientTests
{
    // Timeouts leave room for a cold process on a busy machine (the first call JITs the whole HTTP stack).
    private static readonly EnginePoolOptions Fast = new()
    {
        AttemptTimeoutSeconds = 3,
        FirstTokenTimeoutSeconds = 4,
        Retries = 1,
        RetryDelayMilliseconds = 10,
        BreakerMinimumThroughput = 2,
        HealthCheckSeconds = 3600, // only the first check, at start: the tests drive the rest
    };

    [Fact]
    public async Task FailingEngine_IsSkippedForTheHealthyOne_AndItsStatusSaysWhy()
    {
        await using var broken = await FakeOpenAiServer.StartAsync();
        broken.Fault = FakeFault.ServerError;
        await using var healthy = await FakeOpenAiServer.StartAsync();

        var statuses = await AskFourTimesAsync(broken, healthy);

        var bad = statuses.Single(s => s.Url == broken.BaseUrl);
        Assert.NotEqual("healthy", bad.State);
        Assert.Contains("500", bad.Reason, StringComparison.Ordinal);
        Assert.True(bad.Failures >= 1);
        Assert.Equal("healthy", statuses.Single(s => s.Url == healthy.BaseUrl).State);
    }

    [Fact]
    public async Task HangingEngine_TimesOutAndIsSkipped()
    {
        await using var hanging = await FakeOpenAiServer.StartAsync();
        hanging.Fault = FakeFault.Hang;
        await using var healthy = await FakeOpenAiServer.StartAsync();

        var statuses = await AskFourTimesAsync(hanging, healthy);

        var bad = statuses.Single(s => s.Url == hanging.BaseUrl);
        Assert.NotEqual("healthy", bad.State);
        Assert.Contains("timeout", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlowEngine_WhoseFirstTokenIsLate_IsSkipped()
    {
        await using var slow = await FakeOpenAiServer.StartAsync();
        slow.FirstTokenDelay = TimeSpan.FromMinutes(5);
        await using var healthy = await FakeOpenAiServer.StartAsync();

        var statuses = await AskFourTimesAsync(slow, healthy);

        var bad = statuses.Single(s => s.Url == slow.BaseUrl);
        Assert.Equal("unhealthy", bad.State);
        Assert.Contains("first token", bad.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepeatedFailures_OpenTheCircuit_WithTheReason()
    {
        await using var broken = await FakeOpenAiServer.StartAsync();
        broken.Fault = FakeFault.ServerError;
        await using var healthy = await FakeOpenAiServer.StartAsync();
        using var pool = Pool(broken, healthy);
        var member = pool.Members.Single(m => m.Url == broken.BaseUrl);

        // Straight at the broken engine: one call is two failed attempts, enough to open its circuit.
        await Assert.ThrowsAnyAsync<Exception>(() => member.Client.GetResponseAsync("hello"));

        var status = member.Status();
        Assert.Equal("circuit open", status.State);
        Assert.Contains("500", status.Reason, StringComparison.Ordinal);
        Assert.False(member.IsAvailable);
        Assert.Contains("said: hello", (await pool.GetResponseAsync("hello")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllEnginesFailing_FailsWithEveryReason()
    {
        await using var first = await FakeOpenAiServer.StartAsync();
        first.Fault = FakeFault.ServerError;
        await using var second = await FakeOpenAiServer.StartAsync();
        second.Fault = FakeFault.ServerError;
        using var pool = Pool(first, second);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (var _ in pool.GetStreamingResponseAsync("hello"))
            {
            }
        });

        Assert.True(error.Message.StartsWith("All 2 text engines failed", StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains("500", StringComparison.Ordinal), error.Message);
        Assert.True(error.Message.Contains(new Uri(first.BaseUrl).Authority, StringComparison.Ordinal)
                    && error.Message.Contains(new Uri(second.BaseUrl).Authority, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public async Task LeastBusyEngine_GetsTheNextCall()
    {
        await using var first = await FakeOpenAiServer.StartAsync();
        await using var second = await FakeOpenAiServer.StartAsync();
        first.TokenDelay = second.TokenDelay = TimeSpan.FromMilliseconds(200);
        using var pool = Pool(first, second);

        // Two calls at once go to two different engines.
        await using var a = pool.GetStreamingResponseAsync("one").GetAsyncEnumerator();
        Assert.True(await a.MoveNextAsync());
        await using var b = pool.GetStreamingResponseAsync("two").GetAsyncEnumerator();
        Assert.True(await b.MoveNextAsync());

        Assert.Single(first.Requests);
        Assert.Single(second.Requests);
    }

    [Fact]
    public async Task ThroughTheRealComposition_TextEndpointsMakeAPool_AndAdminDataShowsIt()
    {
        await using var broken = await FakeOpenAiServer.StartAsync();
        broken.Fault = FakeFault.ServerError;
        await using var healthy = await FakeOpenAiServer.StartAsync();
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Model"] = "fake-model",
            ["TextGeneration:Endpoints:0:Url"] = broken.BaseUrl,
            ["TextGeneration:Endpoints:0:Name"] = "gpu-1",
            ["TextGeneration:Endpoints:1:Url"] = healthy.BaseUrl,
            ["TextGeneration:Endpoints:1:Name"] = "gpu-2",
            ["TextGeneration:Pool:Retries"] = "0",
        });

        var client = await app.Services.GetRequiredService<WorkBrain.Core.Engines.SelectedEngine<Microsoft.Extensions.AI.IChatClient>>().GetRequiredClientAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains($"said: question {i}", (await client.GetResponseAsync($"question {i}")).Text, StringComparison.Ordinal);
        }

        var engines = app.Services.GetRequiredService<EnginePoolRegistry>().Snapshot();
        Assert.Equal(["gpu-1", "gpu-2"], engines.Select(e => e.Name));
        Assert.Contains("500", engines[0].Reason, StringComparison.Ordinal);
        Assert.Equal("healthy", engines[1].State);
    }

    private static PooledChatClient Pool(FakeOpenAiServer first, FakeOpenAiServer second) => EnginePoolFactory.Create(
        "text_generation",
        [new RemoteEndpointOptions { Url = first.BaseUrl }, new RemoteEndpointOptions { Url = second.BaseUrl }],
        "fake-model", Fast, new EnginePoolRegistry());

    /// <summary>Four streamed questions through a pool of the two; every answer must come whole from the healthy one.</summary>
    private static async Task<IReadOnlyList<EngineMemberStatus>> AskFourTimesAsync(FakeOpenAiServer bad, FakeOpenAiServer good)
    {
        using var pool = Pool(bad, good);
        for (var i = 0; i < 4; i++)
        {
            var text = "";
            await foreach (var update in pool.GetStreamingResponseAsync($"question {i}"))
            {
                text += update.Text;
            }

            Assert.Equal($"You said: question {i}.", text);
        }

        Assert.Equal(4, good.Requests.Count);
        return pool.Statuses();
    }
}
