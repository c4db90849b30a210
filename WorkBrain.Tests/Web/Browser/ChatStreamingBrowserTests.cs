using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ChatStreamingBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Tokens = Enumerable.Range(1, 24).Select(i => $"word{i} ").ToArray();
    private static readonly string FullAnswer = string.Concat(Tokens).Trim();

    private ChatApp _chat = default!;

    public async Task InitializeAsync()
    {
        _chat = await ChatApp.StartAsync(Tokens, TimeSpan.FromMilliseconds(120));
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
    }

    [Fact]
    public async Task SendMessage_AnswerStreamsTokenByToken_AndSurvivesReload()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await WaitForCircuitAsync(page);

        await page.Locator("[data-testid=chat-input]").FillAsync("Tell me twenty-four words");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");

        var answer = page.Locator("[data-testid=message][data-role=assistant] [data-testid=answer-text]").Last;
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var text = await answer.CountAsync() > 0 ? (await answer.InnerTextAsync()).Trim() : "";
            if (text.Length > 0 && (seen.Count == 0 || seen[^1] != text))
            {
                seen.Add(text);
            }

            if (text == FullAnswer)
            {
                break;
            }

            await Task.Delay(50);
        }

        Assert.Equal(FullAnswer, seen.LastOrDefault());
        // Streamed: several growing prefixes were on screen before the whole answer.
        Assert.True(seen.Count >= 4, $"saw only {seen.Count} states: {string.Join(" | ", seen)}");
        Assert.All(seen, s => Assert.StartsWith(s, FullAnswer));

        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync();
        var badges = await page.Locator("[data-testid=gate-badges] .gate-badge").AllInnerTextsAsync();
        Assert.Contains(badges, b => b.StartsWith("Text", StringComparison.Ordinal));

        await Screenshots.TakeAsync(page, "chat-streamed");
        await page.ReloadAsync();
        await WaitForCircuitAsync(page);
        var session = page.Locator("[data-testid=session]", new() { HasText = "Tell me twenty-four words" });
        await session.WaitForAsync();
        Assert.Equal(FullAnswer, (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim());

        // The history of the session went to the model with the second question.
        await page.Locator("[data-testid=chat-input]").FillAsync("And again?");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").Nth(1).WaitForAsync(new() { Timeout = 30_000 });
        var second = _chat.Llm.Requests.Last();
        var contents = second["messages"]!.AsArray().Select(m => m!["content"]!.ToString().Trim()).ToList();
        Assert.Contains("Tell me twenty-four words", contents);
        Assert.Contains(FullAnswer, contents);
    }

    [Fact]
    public async Task BrowserDisconnectsMidStream_PartialAnswerIsSavedAndAnswerCompletesOnServer()
    {
        var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await WaitForCircuitAsync(page);
        await page.Locator("[data-testid=chat-input]").FillAsync("Write a long story about the sea");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");

        var answer = page.Locator("[data-testid=message][data-role=assistant] [data-testid=answer-text]").Last;
        await answer.WaitForAsync();
        await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=answer-text]')?.innerText ?? '').split(' ').length >= 4");
        var shown = (await answer.InnerTextAsync()).Trim();
        await context.CloseAsync(); // the tab goes away mid-stream

        var store = _chat.App.Services.GetRequiredService<ChatStore>();
        var sessions = await store.ListSessionsAsync("local");
        var sessionId = Assert.Single(sessions).Id;

        // What was on screen reaches the database within the write-coalescing window (Storage:StreamWrites).
        var stored = DateTime.UtcNow.AddSeconds(10);
        var partial = (await store.LoadMessagesAsync("local", sessionId))!.Last();
        while (!partial.AnswerText.Trim().StartsWith(shown, StringComparison.Ordinal) && DateTime.UtcNow < stored)
        {
            await Task.Delay(50);
            partial = (await store.LoadMessagesAsync("local", sessionId))!.Last();
        }

        Assert.StartsWith(shown, partial.AnswerText.Trim());

        // The answer is not lost with the tab: it finishes on the server.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        MessageView final;
        do
        {
            await Task.Delay(100);
            final = (await store.LoadMessagesAsync("local", sessionId))!.Last();
        }
        while (final.Status == MessageStatuses.Streaming && DateTime.UtcNow < deadline);

        Assert.Equal(MessageStatuses.Complete, final.Status);
        Assert.Equal(FullAnswer, final.AnswerText.Trim());
    }

    [Fact]
    public async Task StopMidStream_KeepsPartialText()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await WaitForCircuitAsync(page);
        await page.Locator("[data-testid=chat-input]").FillAsync("Write a poem about the rain");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.WaitForFunctionAsync("() => (document.querySelector('[data-testid=answer-text]')?.innerText ?? '').split(' ').length >= 3");
        await page.Locator("[data-testid=stop]").ClickAsync();

        await page.Locator("[data-testid=message][data-role=assistant][data-status=stopped]").WaitForAsync();
        var text = (await page.Locator("[data-testid=answer-text]").Last.InnerTextAsync()).Trim();
        Assert.NotEmpty(text);
        Assert.StartsWith(text, FullAnswer);
        Assert.NotEqual(FullAnswer, text);
    }

    internal static async Task WaitForCircuitAsync(IPage page)
    {
        // The input is marked ready by script once the interactive circuit is up.
        await page.Locator("[data-testid=chat-input][data-ready]").WaitForAsync();
    }
}
