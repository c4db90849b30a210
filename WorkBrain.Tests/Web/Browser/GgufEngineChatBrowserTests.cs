using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Tests.Core.Text.Gguf;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>The chat served end to end by the in-process GGUF engine (LLamaSharp) on the generated chain model: through
/// the gate, the conversation service and the Blazor circuit into the browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GgufEngineChatBrowserTests(BrowserFixture browser)
{
    private static async Task<(WorkBrainAppFactory App, string BaseUrl)> StartAsync(string model, int maxTokens)
    {
        var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Backend"] = "gguf",
            ["TextGeneration:Gguf:Path"] = model,
            ["TextGeneration:Gguf:ContextSize"] = "0",
            ["TextGeneration:MaxOutputTokens"] = maxTokens.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, kestrel: true);
        return (app, app.StartKestrel());
    }

    [Fact]
    public async Task Chat_GgufEngine_StreamsTheModelsChainIntoTheChat()
    {
        var (app, baseUrl) = await StartAsync(await TinyGguf.ChainAsync(), 60);
        await using var _ = app;
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=chat-input]").FillAsync("the");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 60_000 });

        Assert.Equal(TinyGguf.Chain.Trim(), (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim());
        Assert.Contains("Text", await page.Locator("[data-testid=gate-badges]").Last.InnerTextAsync(), StringComparison.Ordinal);
        var engine = ((GgufChatModelProvider)app.Services.GetRequiredKeyedService<IEngine<IChatClient>>("gguf")).Loaded;
        Assert.NotNull(engine);
        Assert.Equal(4, engine.Stats.OutputTokens);
    }

    [Fact]
    public async Task Stop_GgufEngineMidAnswer_KeepsThePartialTextAndEndsTheGeneration()
    {
        // "mat" loops back to "the": the answer only ends when stopped (or after 30,000 tokens).
        var folder = await TestModels.GenerateAsync("tiny_gguf", "--loop", "--context", "65536");
        var (app, baseUrl) = await StartAsync(Path.Combine(folder, "tiny-loop.gguf"), 30_000);
        await using var _ = app;
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(baseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=chat-input]").FillAsync("the");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=answer-text]')?.innerText ?? '').split(' ').length >= 3", null, new() { Timeout = 60_000 });
        await page.Locator("[data-testid=stop]").ClickAsync();

        await page.Locator("[data-testid=message][data-role=assistant][data-status=stopped]").WaitForAsync(new() { Timeout = 30_000 });
        var text = (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim();
        Assert.StartsWith("cat sat", text, StringComparison.Ordinal);
        var engine = ((GgufChatModelProvider)app.Services.GetRequiredKeyedService<IEngine<IChatClient>>("gguf")).Loaded!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (engine.Stats.Running > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        // the worker has ended (its slot is released only after it returns), long before 30,000 tokens
        Assert.Equal(0, engine.Stats.Running);
        Assert.Equal(0, engine.Stats.Requests - engine.Stats.Failed);
    }
}
