using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>What an OpenAI client sends beyond the messages reaches the text model, and what the model reports (usage,
/// tool calls) comes back as OpenAI reports it.</summary>
public sealed class OpenAiChatOptionsTests : IAsyncLifetime
{
    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.Answer = _ => ["春天", "来了", "。"];
        _llm.TokenDelay = TimeSpan.FromMilliseconds(1);
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["TextGeneration:MaxOutputTokens"] = "300",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private async Task<ChatClient> ChatAsync(string model = "text_generation")
    {
        var key = (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        return new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(_app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(_app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetChatClient(model);
    }

    [Fact]
    public async Task Streaming_WithIncludeUsage_EndsWithTheEnginesUsage()
    {
        var chat = await ChatAsync("workbrain");

        ChatTokenUsage? usage = null;
        var text = "";
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("写一句关于春天的话")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }

        Assert.Equal("春天来了。", text);
        var (prompt, completion) = FakeOpenAiServer.UsageOf(_llm.Requests.Last(), 3);
        Assert.NotNull(usage);
        Assert.Equal(prompt, usage.InputTokenCount);
        Assert.Equal(completion, usage.OutputTokenCount);
    }

    [Fact]
    public async Task NotStreaming_UsageIsTheEnginesCount_NotTheNumberOfPieces()
    {
        var chat = await ChatAsync();

        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("hello")]);

        var (prompt, output) = FakeOpenAiServer.UsageOf(_llm.Requests.Last(), 3);
        Assert.True(prompt > 0);
        Assert.Equal(prompt, completion.Usage.InputTokenCount);
        Assert.Equal(output, completion.Usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
    }

    [Fact]
    public async Task SystemMessages_ReachTheModelInPlaceOfTheDefaultPrompt()
    {
        var chat = await ChatAsync();

        await chat.CompleteChatAsync([new SystemChatMessage("Answer like a pirate."), new UserChatMessage("hello")]);

        var sent = _llm.Requests.Last()["messages"]!.AsArray();
        Assert.Equal("system", sent[0]!["role"]!.ToString());
        Assert.Equal("Answer like a pirate.", sent[0]!["content"]!.ToString());
        Assert.Single(sent, m => m!["role"]!.ToString() == "system");
        Assert.Equal("hello", sent[^1]!["content"]!.ToString());
    }

    [Fact]
    public async Task SamplingSettings_ReachTheModel_WithinTheServersLimits()
    {
        var chat = await ChatAsync();
#pragma warning disable OPENAI001 // Seed is marked experimental in the client.
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 5000, Temperature = 0.25f, TopP = 0.5f, Seed = 7 };
#pragma warning restore OPENAI001
        options.StopSequences.Add("END");

        await chat.CompleteChatAsync([new UserChatMessage("hello")], options);

        var sent = _llm.Requests.Last();
        var max = (sent["max_completion_tokens"] ?? sent["max_tokens"])!.GetValue<int>();
        Assert.Equal(300, max); // clamped to TextGeneration:MaxOutputTokens
        Assert.Equal(0.25, sent["temperature"]!.GetValue<double>(), 3);
        Assert.Equal(0.5, sent["top_p"]!.GetValue<double>(), 3);
        Assert.Equal(7, sent["seed"]!.GetValue<long>());
        Assert.Equal("END", (sent["stop"] as System.Text.Json.Nodes.JsonArray)?[0]?.ToString() ?? sent["stop"]!.ToString());

        // A model stopped by the caller's limit says so, as OpenAI does.
        ChatCompletion cut = await chat.CompleteChatAsync([new UserChatMessage("hello")], new ChatCompletionOptions { MaxOutputTokenCount = 2 });
        sent = _llm.Requests.Last();
        Assert.Equal(2, (sent["max_completion_tokens"] ?? sent["max_tokens"])!.GetValue<int>());
        Assert.Equal("春天来了", cut.Content[0].Text);
        Assert.Equal(ChatFinishReason.Length, cut.FinishReason);
    }

    [Fact]
    public async Task Tools_AreOfferedToTheModel_AndItsCallsComeBackAsToolCalls()
    {
        _llm.ToolCall = r => r["messages"]!.AsArray().Any(m => m!["role"]!.ToString() == "tool") ? null : ("get_weather", """{"city":"Paris"}""");
        var chat = await ChatAsync();
        var tool = ChatTool.CreateFunctionTool("get_weather", "The weather in a city",
            BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""));
        var options = new ChatCompletionOptions { Tools = { tool } };
        List<ChatMessage> messages = [new UserChatMessage("Weather in Paris?")];

        ChatCompletion completion = await chat.CompleteChatAsync(messages, options);

        Assert.Equal(ChatFinishReason.ToolCalls, completion.FinishReason);
        var call = Assert.Single(completion.ToolCalls);
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", System.Text.Json.JsonDocument.Parse(call.FunctionArguments).RootElement.GetProperty("city").GetString());
        var offered = _llm.Requests.Last()["tools"]!.AsArray();
        Assert.Equal("get_weather", offered[0]!["function"]!["name"]!.ToString());

        // The caller runs the tool and sends its result back; the model then answers in text.
        messages.Add(new AssistantChatMessage(completion.ToolCalls));
        messages.Add(new ToolChatMessage(call.Id, "18°C and sunny"));
        ChatCompletion answer = await chat.CompleteChatAsync(messages, options);

        Assert.Equal("春天来了。", answer.Content[0].Text);
        var sent = _llm.Requests.Last()["messages"]!.AsArray();
        Assert.Equal("tool", sent[^1]!["role"]!.ToString());
        Assert.Equal("18°C and sunny", sent[^1]!["content"]!.ToString());
        Assert.Equal(call.Id, sent[^1]!["tool_call_id"]!.ToString());
    }

    [Fact]
    public async Task Tools_Streaming_CallsComeBackAsToolCallUpdates()
    {
        _llm.ToolCall = _ => ("get_weather", """{"city":"Paris"}""");
        var chat = await ChatAsync();
        var options = new ChatCompletionOptions { Tools = { ChatTool.CreateFunctionTool("get_weather", "The weather in a city") } };

        var name = "";
        var arguments = "";
        ChatFinishReason? finish = null;
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("Weather in Paris?")], options))
        {
            foreach (var call in update.ToolCallUpdates)
            {
                name += call.FunctionName;
                arguments += call.FunctionArgumentsUpdate?.ToString();
            }

            finish ??= update.FinishReason;
        }

        Assert.Equal("get_weather", name);
        Assert.Equal("""{"city":"Paris"}""", arguments);
        Assert.Equal(ChatFinishReason.ToolCalls, finish);
    }
}
