using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Hubs;

public sealed class BrainHubTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["你", "好", "，", "世界"];
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

    [Fact]
    public async Task Ask_StreamsTheSameBrainEventsAsTheChat()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var items = new List<JsonElement>();
        await foreach (var item in hub.StreamAsync<JsonElement>("Ask", new AskRequest("Write a greeting in Chinese")))
        {
            items.Add(item);
        }

        var started = items[0].Deserialize<TurnStarted>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.False(string.IsNullOrEmpty(started.MessageId));
        var types = items.Skip(1).Select(i => i.GetProperty("type").GetString()).ToList();
        Assert.Equal("routed", types[0]);
        Assert.Equal("expert_started", types[1]);
        Assert.Equal("completed", types[^1]);
        var text = string.Concat(items.Skip(1).Where(i => i.GetProperty("type").GetString() == "text_delta").Select(i => i.GetProperty("text").GetString()));
        Assert.Equal("你好，世界", text);

        var messages = await hub.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", started.SessionId);
        Assert.Equal("你好，世界", messages[^1].Text);
    }

    [Fact]
    public async Task GetMessages_UnknownSession_IsATypedError()
    {
        await using var hub = Connect();
        await hub.StartAsync();

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", "nope"));

        Assert.Contains("Session not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NoTextModelConfigured_AnswerSaysWhatIsNeeded()
    {
        await using var app = new WorkBrainAppFactory();
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/hubs/brain"), o => o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler())
            .Build();
        await hub.StartAsync();

        var failures = new List<string>();
        await foreach (var item in hub.StreamAsync<JsonElement>("Ask", new AskRequest("hello")))
        {
            if (item.TryGetProperty("type", out var t) && t.GetString() == "expert_failed")
            {
                failures.Add(item.GetProperty("message").GetString()!);
            }
        }

        // With no server configured the local model is used, and it is not downloaded here: the answer says how to get it.
        Assert.Contains(failures, f => f.Contains("not downloaded", StringComparison.Ordinal) && f.Contains("models pull", StringComparison.Ordinal));
    }
}
