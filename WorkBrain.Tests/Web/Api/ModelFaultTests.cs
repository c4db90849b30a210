using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Api;

/// <summary>A model that fails, hangs or cuts its stream looks like a fault: an OpenAI-style error status or event, an
/// answer marked interrupted, one overall deadline, and nothing internal in what a user reads.</summary>
public sealed class ModelFaultTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["one ", "two ", "three ", "four ", "five ", "six"];
        _llm.TokenDelay = TimeSpan.FromMilliseconds(1);
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["TextGeneration:TimeoutSeconds"] = "3",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private async Task<HttpClient> ClientAsync()
    {
        var key = (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static StringContent Body(bool stream) => new(
        $$"""{"model":"text_generation","stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hello"}]}""",
        Encoding.UTF8, "application/json");

    private static void AssertNothingInternal(string text)
    {
        Assert.DoesNotContain("/srv/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CUDA", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryExpertFails_Is502WithAnOpenAiError_AndAdminsSeeTheDetail(bool stream)
    {
        _llm.Fault = FakeFault.ServerError;
        using var http = await ClientAsync();

        using var response = await http.PostAsync("/v1/chat/completions", Body(stream));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal("server_error", error["type"]!.ToString());
        Assert.Equal("model_error", error["code"]!.ToString());
        AssertNothingInternal(body);
        var lastError = _app.Services.GetRequiredService<ExpertMonitor>().FiguresOf(ExpertIds.TextGeneration).LastError;
        Assert.Contains("500", lastError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task HangingModel_Is504AfterTheOverallDeadline(bool stream)
    {
        _llm.Fault = FakeFault.Hang;
        using var http = await ClientAsync();
        var clock = Stopwatch.StartNew();

        using var response = await http.PostAsync("/v1/chat/completions", Body(stream));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("model_timeout", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.ToString());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task StreamCutMidAnswer_EndsWithAnInterruptedErrorEvent_NotAStop()
    {
        _llm.Fault = FakeFault.CutMidStream;
        using var http = await ClientAsync();

        using var response = await http.PostAsync("/v1/chat/completions", Body(stream: true));
        var events = (await response.Content.ReadAsStringAsync())
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e["data: ".Length..])
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var chunks = events.Where(e => e.StartsWith('{')).Select(e => JsonNode.Parse(e)!).ToList();
        var text = string.Concat(chunks.Select(c => c["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.ToString()));
        Assert.StartsWith("one two", text, StringComparison.Ordinal);
        Assert.DoesNotContain(chunks, c => c["choices"]?.AsArray().FirstOrDefault()?["finish_reason"]?.ToString() == "stop");
        Assert.Equal("interrupted", chunks[^1]["error"]!["code"]!.ToString());
        Assert.DoesNotContain("[DONE]", events);
        AssertNothingInternal(string.Join("\n", events));
    }

    [Fact]
    public async Task StreamCutMidAnswer_InTheChat_TheMessageIsInterrupted_AndKeepsItsText()
    {
        _llm.Fault = FakeFault.CutMidStream;
        var conversations = _app.Services.GetRequiredService<ConversationService>();

        var started = await conversations.AskAsync("local", null, "hello", forcedExperts: [ExpertIds.TextGeneration]);
        await foreach (var _ in conversations.WatchAsync("local", started.Assistant.Id))
        {
        }

        var message = await _app.Services.GetRequiredService<ChatStore>().LoadMessageAsync("local", started.Assistant.Id);
        Assert.Equal(MessageStatuses.Interrupted, message!.Status);
        Assert.StartsWith("one two", message.AnswerText, StringComparison.Ordinal);
        AssertNothingInternal(string.Join("\n", message.Sections.Select(s => s.Error)));
    }
}
