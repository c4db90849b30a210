using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>The /v1 API as the official OpenAI .NET client sees it.</summary>
public sealed class OpenAiApiTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["春天", "来了", "。"];
        _llm.TokenDelay = TimeSpan.FromMilliseconds(5);
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["RateLimits:RequestsPerMinute"] = "5",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private async Task<string> CreateKeyAsync(string userId = "alice") =>
        (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync(userId, "tests")).Key;

    private OpenAIClient Client(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions
    {
        Endpoint = new Uri(_app.Server.BaseAddress, "/v1"),
        Transport = new HttpClientPipelineTransport(_app.CreateClient()),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    [Fact]
    public async Task ChatCompletions_Streaming_RoutedByTheGate()
    {
        var chat = Client(await CreateKeyAsync()).GetChatClient("workbrain");

        var text = "";
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("写一句关于春天的话")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
        }

        Assert.Equal("春天来了。", text);
    }

    [Fact]
    public async Task ChatCompletions_NotStreaming_SendsHistoryToTheModel()
    {
        var chat = Client(await CreateKeyAsync()).GetChatClient("text_generation");

        ChatCompletion completion = await chat.CompleteChatAsync(
            [new UserChatMessage("first question"), new AssistantChatMessage("first answer"), new UserChatMessage("second question")]);

        Assert.Equal("春天来了。", completion.Content[0].Text);
        var sent = _llm.Requests.Last()["messages"]!.AsArray().Select(m => m!["content"]!.ToString()).ToList();
        Assert.Equal(["first question", "first answer", "second question"], sent.Skip(1));
    }

    [Fact]
    public async Task Models_ListsWorkbrainAndEveryExpert()
    {
        var models = await Client(await CreateKeyAsync()).GetOpenAIModelClient().GetModelsAsync();

        var ids = models.Value.Select(m => m.Id).ToList();
        Assert.Contains("workbrain", ids);
        Assert.Contains("image_generation", ids);
        Assert.Equal(9, ids.Count);
    }

    [Fact]
    public async Task ChatCompletions_UnknownModel_Is404ModelNotFound()
    {
        var chat = Client(await CreateKeyAsync()).GetChatClient("gpt-17");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => chat.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(404, error.Status);
        Assert.Contains("model_not_found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyEndpoint_WithoutOrWithAWrongKey_Is401()
    {
        using var http = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/v1/models")).StatusCode);

        var error = await Assert.ThrowsAsync<ClientResultException>(() => Client("wb-not-a-key").GetOpenAIModelClient().GetModelsAsync());
        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task ManyRequests_AreRateLimitedPerUserWithA429()
    {
        var models = Client(await CreateKeyAsync("bob")).GetOpenAIModelClient();
        for (var i = 0; i < 5; i++)
        {
            await models.GetModelsAsync();
        }

        var error = await Assert.ThrowsAsync<ClientResultException>(() => models.GetModelsAsync());
        Assert.Equal(429, error.Status);
        Assert.Contains("Too many requests", error.Message, StringComparison.Ordinal);

        // Another user has a budget of their own.
        await Client(await CreateKeyAsync("carol")).GetOpenAIModelClient().GetModelsAsync();
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        using var http = _app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }
}
