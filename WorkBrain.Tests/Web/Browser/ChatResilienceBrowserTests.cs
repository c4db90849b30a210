using Microsoft.Playwright;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChatResilienceBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Tokens = Enumerable.Range(1, 30).Select(i => $"t{i} ").ToArray();
    private static readonly string FullAnswer = string.Concat(Tokens).Trim();

    private ChatApp _chat = default!;

    public async Task InitializeAsync()
    {
        _chat = await ChatApp.StartAsync(Tokens, TimeSpan.FromMilliseconds(100));
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
    }

    [Fact]
    public async Task EnterWhileImeComposing_DoesNotSend_EnterAfterCompositionDoes()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        var input = page.Locator("[data-testid=chat-input]");
        await input.FocusAsync();

        // Typing "nihao" with a pinyin IME: composition starts, candidates show, Enter picks "你好".
        await input.DispatchEventAsync("compositionstart", new { data = "" });
        await input.FillAsync("nihao");
        await page.EvaluateAsync(@"() => {
            const t = document.querySelector('[data-testid=chat-input]');
            t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }));
        }");
        await input.FillAsync("你好");
        await input.DispatchEventAsync("compositionend", new { data = "你好" });
        // Some browsers deliver the confirming Enter right after compositionend, still flagged as composing.
        await page.EvaluateAsync(@"() => {
            const t = document.querySelector('[data-testid=chat-input]');
            t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, isComposing: true, bubbles: true, cancelable: true }));
        }");
        await page.WaitForTimeoutAsync(500);

        Assert.Equal(0, await page.Locator("[data-testid=message]").CountAsync());
        Assert.Equal("你好", await input.InputValueAsync());

        // Composition over: a plain Enter sends.
        await page.WaitForTimeoutAsync(50);
        await input.PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=user]").WaitForAsync();
        Assert.Equal("你好", (await page.Locator("[data-testid=message][data-role=user] .user-text").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task ShiftEnter_AddsANewLineInsteadOfSending()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        var input = page.Locator("[data-testid=chat-input]");

        await input.PressSequentiallyAsync("line one");
        await input.PressAsync("Shift+Enter");
        await input.PressSequentiallyAsync("line two");
        await page.WaitForTimeoutAsync(300);

        Assert.Equal(0, await page.Locator("[data-testid=message]").CountAsync());
        Assert.Equal("line one\nline two", await input.InputValueAsync());
    }

    [Fact]
    public async Task ReloadMidStream_ShowsTheAnswerStillStreamingAndItCompletes()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=chat-input]").FillAsync("Write a long story about a lighthouse");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=answer-text]')?.innerText ?? '').split(' ').length >= 5");
        await page.WaitForFunctionAsync("() => location.pathname.startsWith('/c/')"); // state, not a navigation event that may pass unseen

        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        // Resumed: the answer is on screen again and still growing, then completes in full.
        var streaming = page.Locator("[data-testid=message][data-role=assistant][data-status=streaming]");
        await streaming.WaitForAsync();
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(FullAnswer, (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task OfflineBlipMidStream_AnswerContinuesAndCompletes()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=chat-input]").FillAsync("Write an essay about autumn");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=answer-text]')?.innerText ?? '').split(' ').length >= 4");

        await context.SetOfflineAsync(true);
        await page.WaitForTimeoutAsync(1500);
        await context.SetOfflineAsync(false);

        // Either the circuit reconnects and keeps streaming, or the page reloads and resumes: the full answer arrives.
        await page.WaitForFunctionAsync(
            $"() => [...document.querySelectorAll('[data-testid=answer-text]')].some(e => e.innerText.trim() === '{FullAnswer}')",
            null, new() { Timeout = 45_000 });
    }
}
