using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Conversations;

public sealed class RoutingFeedbackTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["a ", "short ", "answer"];
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        });
        _ = _app.Services;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    [Fact]
    public async Task RegenerateAsync_ForcedExperts_AreStoredOnTheNewAnswer()
    {
        var (sessionId, rerun) = await AskAndRerunAsync("local", "what is the capital of France", "text_generation");

        var store = _app.Services.GetRequiredService<ChatStore>();
        var messages = (await store.LoadMessagesAsync("local", sessionId))!;
        Assert.Equal(2, messages.Count);
        Assert.Equal(rerun, messages[^1].Id);
        Assert.Equal("text_generation", messages[^1].ForcedExperts);
        Assert.Equal(MessageStatuses.Complete, messages[^1].Status);
        // The answer it replaced is kept as an earlier version of this one.
        var earlier = Assert.Single(messages[^1].Versions);
        Assert.NotEqual(rerun, earlier.Id);
        Assert.Equal(MessageStatuses.Complete, earlier.Status);
        Assert.NotEmpty(earlier.Sections);
    }

    [Fact]
    public async Task FeedbackExport_PrintsEveryUsersReruns_AsJsonLines()
    {
        await AskAndRerunAsync("local", "draw me a lighthouse at night", "image_generation");
        await AskAndRerunAsync("someone-else", "这段录音说了什么", "asr");
        var store = _app.Services.GetRequiredService<ChatStore>();
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var plain = await conversations.AskAsync("local", null, "a plain question, never re-run");
        await WaitForEndAsync(store, "local", plain.Assistant.Id);
        var command = _app.Services.GetServices<ICliCommand>().Single(c => c.Name == "feedback");

        var output = new StringWriter();
        var error = new StringWriter();
        var rc = await command.RunAsync(["export"], TextReader.Null, output, error, CancellationToken.None);

        Assert.Equal(0, rc);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2, lines.Count);
        var draw = Assert.Single(lines, l => l["text"]!.GetValue<string>() == "draw me a lighthouse at night");
        Assert.Equal(["image_generation"], draw["labels"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("feedback", draw["source"]!.GetValue<string>());
        var asr = Assert.Single(lines, l => l["text"]!.GetValue<string>() == "这段录音说了什么");
        Assert.Equal(["asr"], asr["labels"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Contains("这段录音说了什么", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoutingFeedbackEvaluator_MeasuresTheGateOnTheUsersReruns()
    {
        await AskAndRerunAsync("local", "draw me a lighthouse at night", "image_generation");
        await AskAndRerunAsync("someone-else", "what is the capital of France", "asr");
        var evaluator = _app.Services.GetRequiredService<WorkBrain.Web.Conversations.Feedback.RoutingFeedbackEvaluator>();

        var evaluation = await evaluator.EvaluateAsync();

        Assert.Equal(2, evaluation.Count);
        Assert.Equal(0.5, evaluation.ExactSetAccuracy, 6);
        var miss = Assert.Single(evaluation.Misrouted);
        Assert.Equal("what is the capital of France", miss.Text);
        Assert.Equal(["asr"], miss.Expected);
    }

    [Fact]
    public async Task FeedbackExport_WithOut_WritesTheFile_AndRejectsUnknownArguments()
    {
        await AskAndRerunAsync("local", "read this page aloud", "tts");
        var command = _app.Services.GetServices<ICliCommand>().Single(c => c.Name == "feedback");
        var path = Path.Combine(_app.DataDirectory, "feedback.jsonl");

        var rc = await command.RunAsync(["export", "--out", path], TextReader.Null, TextWriter.Null, TextWriter.Null, CancellationToken.None);
        var bad = await command.RunAsync(["import"], TextReader.Null, TextWriter.Null, new StringWriter(), CancellationToken.None);

        Assert.Equal(0, rc);
        Assert.Equal(2, bad);
        var line = Assert.Single(await File.ReadAllLinesAsync(path));
        Assert.Equal("""{"text":"read this page aloud","labels":["tts"],"source":"feedback"}""", line);
    }

    private async Task<(string SessionId, string AnswerId)> AskAndRerunAsync(string userId, string text, string expert)
    {
        var conversations = _app.Services.GetRequiredService<ConversationService>();
        var store = _app.Services.GetRequiredService<ChatStore>();
        var first = await conversations.AskAsync(userId, null, text);
        await WaitForEndAsync(store, userId, first.Assistant.Id);
        var rerun = await conversations.RegenerateAsync(userId, first.SessionId, [expert]);
        Assert.NotNull(rerun);
        await WaitForEndAsync(store, userId, rerun.Assistant.Id);
        return (first.SessionId, rerun.Assistant.Id);
    }

    private static async Task WaitForEndAsync(ChatStore store, string userId, string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var message = await store.LoadMessageAsync(userId, messageId);
            if (message is { IsStreaming: false })
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"message {messageId} still streaming");
    }
}
