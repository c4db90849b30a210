using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Accounts;

/// <summary>Accounts on a multi-user install: the first account is admin, and one user's sessions, files and
/// answers are invisible to another by page, URL or hub call.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private ChatApp _chat = default!;

    public async Task InitializeAsync()
    {
        _chat = await ChatApp.StartAsync(null, null, new Dictionary<string, string?>
        {
            ["Accounts:RequireLogin"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
    }

    private async Task<IPage> RegisterAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/account/register");
        await page.Locator("[data-testid=email]").FillAsync(email);
        await page.Locator("[data-testid=password]").FillAsync("correct horse battery");
        await page.Locator("[data-testid=register]").ClickAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        return page;
    }

    [Fact]
    public async Task SignedOut_EveryPageRedirectsToLogin_AndHealthStaysOpen()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_chat.BaseUrl) };

        var chat = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, chat.StatusCode);
        Assert.StartsWith("/account/login", chat.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await http.GetAsync("/admin")).StatusCode);
        // API routes answer 401 JSON instead of redirecting.
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/files/" + new string('a', 64) + ".png")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task TwoUsers_SeeOnlyTheirOwnSessionsFilesAndAnswers()
    {
        await using var aliceContext = await browser.Browser.NewContextAsync();
        var alice = await RegisterAsync(aliceContext, "alice@example.org");

        // Alice is the first account: admin.
        await alice.GotoAsync(_chat.BaseUrl + "/admin");
        await alice.Locator("[data-testid=expert-cards]").WaitForAsync();
        await alice.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(alice);
        await alice.Locator("[data-testid=nav-admin]").WaitForAsync();
        await alice.Locator("[data-testid=chat-input]").FillAsync("Write a secret poem");
        await alice.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await alice.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync();
        var aliceSession = alice.Url.Split("/c/")[1];
        var fileUrl = await alice.EvaluateAsync<string>(@"async () => {
            const form = new FormData();
            form.append('file', new Blob(['secret notes of alice'], { type: 'text/plain' }), 'notes.txt');
            const r = await fetch('/api/uploads', { method: 'POST', body: form, headers: { 'X-WorkBrain-Upload': '1' } });
            return (await r.json()).url;
        }");
        Assert.Equal(200, await alice.EvaluateAsync<int>($"async () => (await fetch('{fileUrl}')).status"));

        await using var bobContext = await browser.Browser.NewContextAsync();
        var bob = await RegisterAsync(bobContext, "bob@example.org");

        // Not in his sidebar, not by URL, not his file.
        Assert.Equal(0, await bob.Locator($"[data-session-id='{aliceSession}']").CountAsync());
        await bob.GotoAsync($"{_chat.BaseUrl}/c/{aliceSession}");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(bob);
        Assert.Contains("does not exist", await bob.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await bob.Locator("[data-testid=message]").CountAsync());
        Assert.Equal(0, await bob.Locator("[data-testid=nav-admin]").CountAsync()); // no dashboard icon for a non-admin
        Assert.Equal(1, await bob.Locator("[data-testid=nav-documents]").CountAsync());
        Assert.Equal(404, await bob.EvaluateAsync<int>($"async () => (await fetch('{fileUrl}')).status"));

        // Not an admin.
        await bob.GotoAsync(_chat.BaseUrl + "/admin");
        await bob.Locator("[data-testid=denied]").WaitForAsync();

        // Not through the hub either.
        var cookies = string.Join("; ", (await bobContext.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));
        await using var hub = new HubConnectionBuilder()
            .WithUrl(_chat.BaseUrl + "/hubs/brain", o => o.Headers["Cookie"] = cookies)
            .Build();
        await hub.StartAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<IReadOnlyList<MessageDto>>("GetMessages", aliceSession));
        Assert.Contains("Session not found", error.Message, StringComparison.Ordinal);
        var ask = await Assert.ThrowsAsync<HubException>(async () =>
        {
            await foreach (var _ in hub.StreamAsync<JsonElement>("Ask", new AskRequest("continue", aliceSession)))
            {
            }
        });
        Assert.Contains("Session not found", ask.Message, StringComparison.Ordinal);
        Assert.Empty(await hub.InvokeAsync<IReadOnlyList<WorkBrain.Web.Conversations.SessionSummary>>("GetSessions", (string?)null));

        // Sign out ends the session.
        await alice.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(alice);
        await alice.Locator("[data-testid=sign-out]").ClickAsync();
        await alice.WaitForURLAsync("**/account/login**", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
    }

    [Fact]
    public async Task Register_BadInput_SaysWhatIsWrongInPlainWords_InTheBrowsersLanguage()
    {
        await using var context = await browser.Browser.NewContextAsync(new() { Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/account/register");

        await page.Locator("[data-testid=register]").ClickAsync();
        await page.Locator(".validation-message").First.WaitForAsync();
        Assert.Equal(["请填写邮箱。", "请填写密码。"], (await page.Locator(".validation-message").AllInnerTextsAsync()).Select(t => t.Trim()));

        await page.Locator("[data-testid=email]").FillAsync("dave@example.org");
        await page.Locator("[data-testid=password]").FillAsync("short");
        await page.Locator("[data-testid=register]").ClickAsync();
        await page.Locator(".validation-message:has-text('8')").WaitForAsync();
        Assert.Equal(["密码至少需要 8 位。"], (await page.Locator(".validation-message").AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.DoesNotContain("The field", await page.InnerTextAsync("body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPassword_SaysSoAndStaysSignedOut()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await RegisterAsync(context, "carol@example.org");
        await context.ClearCookiesAsync();

        await page.GotoAsync(_chat.BaseUrl + "/account/login");
        await page.Locator("[data-testid=email]").FillAsync("carol@example.org");
        await page.Locator("[data-testid=password]").FillAsync("wrong password!");
        await page.Locator("[data-testid=sign-in]").ClickAsync();

        await page.Locator("[data-testid=login-error]").WaitForAsync();
        Assert.Contains("Wrong e-mail or password", await page.Locator("[data-testid=login-error]").InnerTextAsync(), StringComparison.Ordinal);

        await page.Locator("[data-testid=password]").FillAsync("correct horse battery");
        await page.Locator("[data-testid=sign-in]").ClickAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
    }
}
