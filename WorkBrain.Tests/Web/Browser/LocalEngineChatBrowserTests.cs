using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>The chat served end to end by the in-process ONNX engine (no server), on the generated tiny Qwen2-shaped
/// model whose greedy output spells a fixed Chinese sentence.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalEngineChatBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;
    private string _baseUrl = "";

    public async Task InitializeAsync()
    {
        var model = await TestModels.GenerateAsync("tiny_llm", "--chain");
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Backend"] = "local",
            ["TextGeneration:Local:Path"] = model,
            ["TextGeneration:Local:ExecutionProvider"] = "cpu",
            ["TextGeneration:Temperature"] = "0",
            ["TextGeneration:MaxOutputTokens"] = "60",
        }, kestrel: true);
        _baseUrl = _app.StartKestrel();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Chat_LocalOnnxEngine_StreamsCleanChineseIntoTheChat()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_baseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=chat-input]").FillAsync("Write a short greeting");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 60_000 });

        // Greedy decoding follows the model's chain of byte tokens (its generation_config's repetition penalty may
        // skip some): every character on screen is whole and one of the sentence's.
        var answer = (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim();
        const string sentence = "你好，世界！我们测试中文流式输出。";
        Assert.True(answer.Length >= 5, $"answer too short: '{answer}'");
        Assert.DoesNotContain('\uFFFD', answer);
        Assert.All(answer, c => Assert.Contains(c, sentence));
        Assert.Contains("Text", await page.Locator("[data-testid=gate-badges]").Last.InnerTextAsync(), StringComparison.Ordinal);
    }
}
