using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>A session of 2,000 messages with code blocks: it opens on its newest page, older pages load while
/// scrolling up (and far pages unload), and a new answer streams without touching the history.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongChatBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int SessionMessages = 2000;
    private const int MaxRendered = 150;
    private static readonly string[] Tokens = Enumerable.Range(1, 16).Select(i => $"token{i} ").ToArray();
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
    public async Task LongSession_ScrollingUp_LoadsOlderPages_KeepsPosition_AndDomStaysBounded()
    {
        var sessionId = await SeedAsync(_chat.App.Services, "local", SessionMessages);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_chat.BaseUrl}/c/{sessionId}");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=message]').length > 0");

        Assert.InRange(await CountAsync(page), 1, MaxRendered);
        Assert.Equal(SessionMessages - 1, await EdgeSequenceAsync(page, last: true));
        Assert.True(await page.Locator("pre code").CountAsync() > 0, "the seeded code blocks are rendered");

        var oldest = await EdgeSequenceAsync(page, last: false);
        for (var load = 0; load < 5; load++)
        {
            await page.EvalOnSelectorAsync("[data-testid=messages]", "c => c.scrollTop = 0");
            await page.WaitForFunctionAsync(
                "before => Number(document.querySelector('[data-testid=message]').dataset.sequence) < before", oldest);
            // The view stays on the message that was at the top, instead of jumping to the new oldest one.
            await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=messages]').scrollTop > 200");
            var next = await EdgeSequenceAsync(page, last: false);
            Assert.True(next < oldest, $"page {load}: oldest shown {next}, before {oldest}");
            oldest = next;
            Assert.InRange(await CountAsync(page), 1, MaxRendered);
        }

        Assert.True(oldest <= SessionMessages - 6 * 50, $"oldest shown {oldest}");
        // The newest pages were unloaded; they load again on the way down.
        Assert.True(await EdgeSequenceAsync(page, last: true) < SessionMessages - 1);
        await page.Locator("[data-testid=load-later]").WaitForAsync();
        var newestShown = await EdgeSequenceAsync(page, last: true);
        await page.EvalOnSelectorAsync("[data-testid=messages]", "c => c.scrollTop = c.scrollHeight");
        await page.WaitForFunctionAsync(
            "before => { const m = document.querySelectorAll('[data-testid=message]'); return Number(m[m.length - 1].dataset.sequence) > before; }",
            newestShown);
        Assert.InRange(await CountAsync(page), 1, MaxRendered);

        // Sending from far back shows the newest page again with the new turn after message 1999.
        await page.Locator("[data-testid=chat-input]").FillAsync("Back to the present");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete][data-sequence='2001']").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(0, await page.Locator("[data-testid=load-later]").CountAsync());
        Assert.Equal(1, await page.Locator("[data-testid=message][data-sequence='1999']").CountAsync());
        // …and scrolls to it: the new message and its answer are on screen.
        await page.WaitForFunctionAsync("""
            () => {
              const c = document.querySelector('[data-testid=messages]').getBoundingClientRect();
              const m = document.querySelector("[data-testid=message][data-sequence='2001']").getBoundingClientRect();
              return m.bottom <= c.bottom + 1 && m.bottom > c.top;
            }
            """);
        Assert.InRange(await CountAsync(page), 1, MaxRendered + 2);
    }

    [Fact]
    public async Task LongSession_NewAnswerStreams_WithoutReRenderingTheHistory()
    {
        var sessionId = await SeedAsync(_chat.App.Services, "local", SessionMessages);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{_chat.BaseUrl}/c/{sessionId}");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('[data-testid=message]').length > 0");
        // Record which messages any DOM change happens in from now on.
        await page.EvaluateAsync("""
            () => {
              window.touched = new Set();
              new MutationObserver((records) => {
                for (const r of records) {
                  const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
                  const message = node && node.closest('[data-testid=message]');
                  if (message) window.touched.add(message.dataset.sequence);
                }
              }).observe(document.querySelector('[data-testid=messages]'), { childList: true, subtree: true, characterData: true });
            }
            """);

        await page.Locator("[data-testid=chat-input]").FillAsync("One more question");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        var answer = page.Locator("[data-testid=message][data-role=assistant] [data-testid=answer-text]").Last;
        var seen = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var text = await answer.CountAsync() > 0 ? (await answer.InnerTextAsync()).Trim() : "";
            if (text.StartsWith("token", StringComparison.Ordinal) && (seen.Count == 0 || seen[^1] != text))
            {
                seen.Add(text);
            }

            if (text == FullAnswer)
            {
                break;
            }

            await Task.Delay(40);
        }

        Assert.Equal(FullAnswer, seen.LastOrDefault());
        Assert.True(seen.Count >= 3, $"saw only {seen.Count} states: {string.Join(" | ", seen)}");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete][data-sequence='2001']").WaitForAsync();

        var touched = await page.EvaluateAsync<string[]>("() => [...window.touched]");
        // Only the new turn changed, and the previous answer, which lost its "last answer" buttons.
        Assert.Subset(new HashSet<string> { "1999", "2000", "2001" }, touched.ToHashSet());
        Assert.Contains("2001", touched);
        Assert.InRange(await CountAsync(page), 1, MaxRendered + 2);
    }

    /// <summary>A session of <paramref name="count"/> alternating messages; every answer holds a code block.</summary>
    internal static async Task<string> SeedAsync(IServiceProvider services, string userId, int count)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var session = new ChatSessionEntity { Id = Guid.NewGuid().ToString("N"), UserId = userId, Title = "A very long chat", CreatedAt = now, UpdatedAt = now };
        db.Sessions.Add(session);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var user = i % 2 == 0;
            var answer = $"Answer {i}: here is the loop you asked for.\n\n```csharp\nfor (var k = 0; k < {i}; k++)\n{{\n    Console.WriteLine(k * {i});\n}}\n```\n\nIt prints {i} lines.";
            var message = new ChatMessageEntity
            {
                Id = id, SessionId = session.Id, Sequence = i, Role = user ? MessageRoles.User : MessageRoles.Assistant,
                Text = user ? $"Question {i}: how do I write a loop?" : answer, Status = MessageStatuses.Complete, CreatedAt = now.AddSeconds(i),
            };
            if (!user)
            {
                message.Parts.Add(new MessagePartEntity { MessageId = id, Ordinal = 0, Kind = "text", Expert = "text_generation", Content = answer });
            }

            db.Messages.Add(message);
        }

        await db.SaveChangesAsync();
        return session.Id;
    }

    private static Task<int> CountAsync(IPage page) => page.Locator("[data-testid=message]").CountAsync();

    private static async Task<int> EdgeSequenceAsync(IPage page, bool last)
    {
        var messages = page.Locator("[data-testid=message]");
        var edge = last ? messages.Last : messages.First;
        return int.Parse(await edge.GetAttributeAsync("data-sequence") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
    }
}
