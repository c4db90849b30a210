using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Hubs;

/// <summary>Issue 13, item 4: one hub call cannot fan out into many model calls or new metric labels, and the hub
/// spends the same per-user budget as /v1.</summary>
public sealed class HubAmplificationTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["ok"];
        _llm.TokenDelay = TimeSpan.Zero;
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["RateLimits:RequestsPerMinute"] = "6",
        });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private HubConnection Connect() => SignedInUser.Connect(_app, cookie: null, origin: null);

    private static async Task<List<JsonElement>> AskAsync(HubConnection hub, AskRequest request)
    {
        var items = new List<JsonElement>();
        await foreach (var item in hub.StreamAsync<JsonElement>("Ask", request))
        {
            items.Add(item);
        }

        return items;
    }

    [Theory]
    [InlineData(40, "text_generation", "At most 3 experts")]
    [InlineData(2, "text_generation", "more than once")]
    [InlineData(1, "<script>", "Unknown expert")]
    [InlineData(1, "", "Unknown expert")]
    public async Task Ask_InvalidExpertList_IsRefusedWithAClearError_AndCallsNoModel(int count, string expert, string message)
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => AskAsync(hub, new AskRequest("hello", null, Enumerable.Repeat(expert, count).ToList())));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(_llm.Requests);
        Assert.Empty(await hub.InvokeAsync<IReadOnlyList<SessionSummary>>("GetSessions", (string?)null));
    }

    [Fact]
    public async Task Ask_UnknownExpert_NeverBecomesAMetricLabel()
    {
        await using var hub = Connect();
        await hub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => AskAsync(hub, new AskRequest("hello", null, ["<script>alert(1)</script>"])));
        var ok = await AskAsync(hub, new AskRequest("hello", null, ["text_generation"]));
        Assert.Equal("completed", ok[^1].GetProperty("type").GetString());

        var metrics = await _app.CreateClient().GetStringAsync("/metrics");

        Assert.Contains("text_generation", metrics, StringComparison.Ordinal);
        // Metrics are process-wide, so other tests' routes (/v1/audio/transcriptions) may show up: look for the id itself.
        Assert.DoesNotContain("alert(1)", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ValidExpertList_RunsEachExpertOnce()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var items = await AskAsync(hub, new AskRequest("hello", null, ["text_generation", "external_services"]));

        var started = items.Where(i => i.TryGetProperty("type", out var t) && t.GetString() == "expert_started")
            .Select(i => i.GetProperty("expert").GetString()).ToList();
        Assert.Equal(["external_services", "text_generation"], started.Order().ToList());
    }

    [Fact]
    public async Task Hub_ManyAsks_AreLimitedPerUser_AndShareTheBudgetWithV1()
    {
        await using var hub = Connect();
        await hub.StartAsync();
        string key;
        using (var scope = _app.Services.CreateScope())
        {
            (_, key) = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync("local", "test");
        }

        using var api = _app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/models")).StatusCode);

        // 6 a minute: one went to /v1, so five Asks pass and the sixth is refused before any model is called.
        var accepted = 0;
        HubException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            try
            {
                await AskAsync(hub, new AskRequest($"question {i}"));
                accepted++;
            }
            catch (HubException ex)
            {
                refused = ex;
            }
        }

        Assert.Equal(5, accepted);
        Assert.Contains("Too many requests", refused!.Message, StringComparison.Ordinal);
        Assert.Equal(5, _llm.Requests.Count);
        var v1 = await api.GetAsync("/v1/models");
        Assert.Equal(HttpStatusCode.TooManyRequests, v1.StatusCode);
        Assert.True(v1.Headers.RetryAfter is not null);
        var other = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IReadOnlyList<SessionSummary>>("GetSessions", (string?)null));
        Assert.Contains("Too many requests", other.Message, StringComparison.Ordinal);
    }
}
