using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Hubs;

/// <summary>A hub Ask over SignalR's default 32 KB dropped the connection and lost the message: everything up to the
/// documented maximum is accepted, and more is refused with a message while the connection stays usable.</summary>
public sealed class LongMessageHubTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["收到"];
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private HubConnection Connect() => new HubConnectionBuilder()
        .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/brain"), o => o.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler())
        .Build();

    private static string Chinese(int characters) =>
        string.Concat(Enumerable.Repeat("春天来了，万物复苏。", characters / 10 + 1))[..characters];

    [Fact]
    public async Task Ask_ThirtyThousandChineseCharacters_AcceptedAndStoredWhole()
    {
        await using var hub = Connect();
        await hub.StartAsync();
        var text = Chinese(30_000);

        var items = new List<JsonElement>();
        await foreach (var item in hub.StreamAsync<JsonElement>("Ask", new AskRequest(text)))
        {
            items.Add(item);
        }

        var started = items[0].Deserialize<TurnStarted>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var messages = await hub.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", started.SessionId);
        Assert.Equal(text, messages[0].Text);
        Assert.Equal("completed", items[^1].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Ask_OverTheMaximum_RefusedWithTheLimit_ConnectionStaysUsable()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in hub.StreamAsync<JsonElement>("Ask", new AskRequest(Chinese(50_001))))
            {
            }
        });
        var sessions = await hub.InvokeAsync<JsonElement>("GetSessions", (string?)null);

        Assert.Contains("the limit is 50,000", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HubConnectionState.Connected, hub.State);
        Assert.Equal(0, sessions.GetArrayLength());
    }
}
