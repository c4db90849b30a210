using Microsoft.Playwright;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>What the app remembers about its user (theme, language) and how it behaves on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UiPreferencesBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private ChatApp _chat = default!;

    public async Task InitializeAsync() => _chat = await ChatApp.StartAsync(["Sure, ", "here it is."]);

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task ThemeToggle_IsRememberedAcrossReload()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ColorScheme = ColorScheme.Light });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        Assert.False(await IsDarkAsync(page));

        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.classList.contains('theme-dark')");
        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        // Painted dark by the server already (no flash of light), and MudBlazor's theme agrees.
        Assert.Equal("theme-dark", await page.EvaluateAsync<string>("() => document.documentElement.className"));
        Assert.True(await IsDarkAsync(page));
    }

    [Fact]
    public async Task NoSavedTheme_FollowsTheSystem()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ColorScheme = ColorScheme.Dark });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.WaitForFunctionAsync("() => getComputedStyle(document.body).backgroundColor !== 'rgb(255, 255, 255)'");
        Assert.True(await IsDarkAsync(page));
    }

    [Fact]
    public async Task Language_FromTheBrowser_ThenSwitchedInTheAppBar_IsRemembered()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        Assert.Equal("有什么可以帮你？", (await page.Locator(".empty-chat h1").InnerTextAsync()).Trim());
        Assert.Equal("zh-Hans", await page.GetAttributeAsync("html", "lang"));

        await page.Locator("[data-testid=language]").ClickAsync();
        await page.Locator("[data-testid=lang-en]").ClickAsync();
        await page.Locator("html[lang=en]").WaitForAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        Assert.Equal("What can I do for you?", (await page.Locator(".empty-chat h1").InnerTextAsync()).Trim());

        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        Assert.Equal("What can I do for you?", (await page.Locator(".empty-chat h1").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Phone_MenuHoldsTheAppBarActions_AndPickingAChatClosesTheDrawer()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        // The input grows with its text.
        await page.Locator("[data-testid=chat-input][data-ready]").WaitForAsync();
        var before = (await page.Locator("[data-testid=chat-input]").BoundingBoxAsync())!.Height;
        await page.Locator("[data-testid=chat-input]").FillAsync("one\ntwo\nthree\nfour");
        // (autosize runs on the input event itself)
        var after = await page.Locator("[data-testid=chat-input]").EvaluateAsync<double>("t => t.getBoundingClientRect().height");
        Assert.True(after > before + 40, $"the input stayed {after}px high for four lines (one line: {before}px)");
        await page.Locator("[data-testid=chat-input]").FillAsync("Give me a title");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync();
        var session = page.Url.Split("/c/")[1];

        // The app bar keeps to one line: theme and sign-out live in the menu.
        Assert.False(await page.Locator("[data-testid=theme-toggle]").IsVisibleAsync());
        await page.Locator("[data-testid=appbar-more]").ClickAsync();
        await page.Locator("[data-testid=menu-theme]").WaitForAsync();
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=drawer-toggle]").ClickAsync();
        var link = page.Locator($"[data-session-id='{session}'] .session-title");
        await link.WaitForAsync();
        await link.ClickAsync();

        await page.Locator("[data-testid=message][data-role=assistant]").WaitForAsync();
        await page.Locator(".mud-drawer--open").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        // Opened again, the drawer marks the chat on screen.
        await page.Locator("[data-testid=drawer-toggle]").ClickAsync();
        await page.Locator($"[data-session-id='{session}'].active").WaitForAsync();
    }

    private static Task<bool> IsDarkAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b < 200; }");
}
