using Microsoft.Playwright;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>Issue 13, item 12: with the script CSP on, Blazor Server and MudBlazor work as before (a chat round trip,
/// the theme toggle and the copy button, no violation reported), while an injected inline script does not run.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    // Every violation the page reports is kept in window.__cspViolations.
    private const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
        """;

    private ChatApp _chat = default!;

    public async Task InitializeAsync()
    {
        _chat = await ChatApp.StartAsync(["Hello ", "from ", "the ", "model."], TimeSpan.FromMilliseconds(20));
    }

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Chat_WorksUnderTheCsp_AndAnInjectedInlineScriptIsBlocked()
    {
        await using var context = await browser.Browser.NewContextAsync();
        await context.AddInitScriptAsync(RecordViolations);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(_chat.BaseUrl + "/");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=chat-input]").FillAsync("Write a short poem about spring");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        var answer = page.Locator("[data-testid=message][data-role=assistant][data-status=complete]");
        await answer.WaitForAsync(new() { Timeout = 30_000 });
        Assert.Contains("Hello from the model.", await answer.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid=theme-toggle]").ClickAsync();
        await answer.Locator("[data-testid=copy-message]").ClickAsync();

        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__cspViolations"));

        // What an XSS would try: an inline script and an inline handler. Neither runs; both are reported.
        await page.EvaluateAsync("""
            () => {
                const s = document.createElement("script");
                s.textContent = "window.__pwned = true";
                document.body.appendChild(s);
                document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.__pwned = true">');
            }
            """);
        await page.WaitForFunctionAsync("() => window.__cspViolations.length >= 2");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === true"));
    }
}
