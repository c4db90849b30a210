using Microsoft.Extensions.AI;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Tests.Core.Text.Gguf;

public sealed class GgufChatClientTests
{
    private static readonly ChatMessage[] The = [new(ChatRole.System, "You are terse."), new(ChatRole.User, "the")];

    private static async Task<GgufChatClient> LoadAsync(GgufEngineOptions? options = null, bool template = true) =>
        GgufChatClient.Load(template ? await TinyGguf.ChainAsync() : await TinyGguf.ChainWithoutTemplateAsync(), options);

    [Fact]
    public async Task Stream_ChainModel_StreamsTheChainWordByWordWithRealUsage()
    {
        using var client = await LoadAsync();
        var pieces = new List<string>();
        UsageDetails? usage = null;
        ChatFinishReason? finish = null;

        await foreach (var update in client.GetStreamingResponseAsync(The, new ChatOptions { Temperature = 0.7f, Seed = 3 }))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                pieces.Add(update.Text);
            }

            usage = update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details ?? usage;
            finish = update.FinishReason ?? finish;
        }

        Assert.Equal([" cat", " sat", " on", " mat"], pieces);
        Assert.Equal(4, usage?.OutputTokenCount);
        var promptTokens = client.RenderPrompt(The).Length; // at least one token per ChatML special and word
        Assert.InRange(usage?.InputTokenCount ?? 0, 10, promptTokens + 1);
        Assert.Equal(ChatFinishReason.Stop, finish);
    }

    [Fact]
    public async Task Render_GgufTemplate_IsChatMlEndingWithTheAssistantTurn()
    {
        using var client = await LoadAsync();

        var prompt = client.RenderPrompt(The);

        Assert.Equal("<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nthe<|im_end|>\n<|im_start|>assistant\n", prompt);
        Assert.Equal("GGUF template", client.Template);
    }

    [Fact]
    public async Task Render_NoTemplateInGguf_FallsBackToChatMl()
    {
        using var client = await LoadAsync(template: false);

        Assert.Equal("chatml", client.Template);
        Assert.EndsWith("<|im_start|>assistant\n", client.RenderPrompt(The), StringComparison.Ordinal);
        Assert.Equal(TinyGguf.Chain, (await client.GetResponseAsync(The)).Text);
    }

    [Fact]
    public async Task Raw_PlainCompletionPrompt_ContinuesTheText()
    {
        using var client = await LoadAsync();
        var options = new ChatOptions { AdditionalProperties = new() { [GgufChatClient.RawPromptKey] = true } };

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "the")], options);

        Assert.Equal(TinyGguf.Chain, response.Text);
        Assert.Equal(2, response.Usage?.InputTokenCount); // <s> ▁the
    }

    [Fact]
    public async Task StopSequence_OutputEndsBeforeIt()
    {
        using var client = await LoadAsync();

        var response = await client.GetResponseAsync(The, new ChatOptions { StopSequences = [" on"] });

        Assert.Equal(" cat sat", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task MaxOutputTokens_StopsWithLengthReason()
    {
        using var client = await LoadAsync();

        var response = await client.GetResponseAsync(The, new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(" cat sat", response.Text);
        Assert.Equal(2, response.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Cancel_AfterFirstToken_StopsAndTheModelServesTheNextRequest()
    {
        using var client = await LoadAsync();
        using var cts = new CancellationTokenSource();
        var seen = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(The, null, cts.Token))
            {
                seen.Add(update.Text);
                await cts.CancelAsync();
            }
        });

        Assert.Single(seen);
        Assert.Equal(TinyGguf.Chain, (await client.GetResponseAsync(The)).Text);
    }

    [Fact]
    public async Task Concurrency_LimitOfOne_RunsRequestsOneAtATimeAndAllFinish()
    {
        using var client = await LoadAsync(new GgufEngineOptions { MaxConcurrent = 1 });

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            client.GetResponseAsync(The, new ChatOptions { ConversationId = $"s{i}" })));

        Assert.All(answers, a => Assert.Equal(TinyGguf.Chain, a.Text));
        Assert.Equal(1, client.PeakRunning);
        Assert.Equal(4, client.Stats.Requests);
    }

    [Fact]
    public async Task Context_PromptLongerThanTheContext_FailsWithAClearMessage()
    {
        using var client = await LoadAsync(new GgufEngineOptions { ContextSize = 32 });
        var tooLong = new ChatMessage(ChatRole.User, string.Join(' ', Enumerable.Repeat("the cat", 40)));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([tooLong]));

        Assert.Contains("context holds 32", ex.Message, StringComparison.Ordinal);
        Assert.Equal(32, client.ContextSize);
    }

    [Fact]
    public async Task Context_NeverLargerThanTheModelsTrainedContext()
    {
        using var client = await LoadAsync(new GgufEngineOptions { ContextSize = 100_000 });

        Assert.Equal(512, client.ContextSize);
    }

    [Fact]
    public async Task Image_WithoutProjector_FailsSayingWhatToConfigure()
    {
        using var client = await LoadAsync();
        var question = new ChatMessage(ChatRole.User, [new TextContent("what is this?"), new DataContent(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, "image/png")]);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetResponseAsync([question]));

        Assert.Contains("TextGeneration:Gguf:ProjectorPath", ex.Message, StringComparison.Ordinal);
        Assert.False(client.CanReadImages);
    }

    [Fact]
    public async Task Load_ProjectorThatIsNotAProjector_FailsClearly()
    {
        var options = new GgufEngineOptions { ProjectorPath = await TinyGguf.RandomAsync() };

        var ex = Assert.Throws<InvalidDataException>(() => GgufChatClient.Load(TinyGguf.ChainAsync().Result, options));

        Assert.Contains("projector", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => GgufChatClient.Load("/nonexistent/model.gguf"));

        Assert.Contains("/nonexistent/model.gguf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NotAGgufFile_FailsBeforeNativeCode()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-gguf-{Guid.NewGuid():N}.gguf");
        await File.WriteAllTextAsync(path, "<html>404</html>");
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => GgufChatClient.Load(path));
            Assert.Contains("not a GGUF file", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Load_TruncatedGguf_FailsWithLlamaCppsReason()
    {
        var bytes = await File.ReadAllBytesAsync(await TinyGguf.ChainAsync());
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.gguf");
        await File.WriteAllBytesAsync(path, bytes[..5000]);
        try
        {
            var ex = Assert.Throws<InvalidDataException>(() => GgufChatClient.Load(path));
            Assert.Contains("could not load", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
