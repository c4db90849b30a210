using Microsoft.Playwright;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>Two replicas in a browser, as the README's "Run on several machines" promises: one chat session open in two
/// tabs, the first served by replica A (where the answer runs), the second by replica B; the first tab closes mid-answer
/// and the second shows the answer going on to its end.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoReplicaBrowserTests(TwoReplicas replicas, BrowserFixture browser) : IClassFixture<TwoReplicas>
{
    private const string Streaming = "[data-testid=message][data-role=assistant][data-status=streaming] [data-testid=answer-text]";
    private const string Complete = "[data-testid=message][data-role=assistant][data-status=complete] [data-testid=answer-text]";

    /// <summary>What the tabs wrote to the browser console (a dead circuit says why there), for the message of a failed wait.</summary>
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _console = new();

    // It failed twice in the full suite on 2 cores (tab A never reached /c/{id}; tab B never showed its first 20 words)
    // and twice in 13 runs beside busy loops (tab B: the answer streaming with no text, its circuit alive). The likely
    // cause for tab B: the page put the database's snapshot of the answer in its list, awaited whether it was live, then
    // swapped in the live view; a render in that await (any event callback) kept the snapshot's item under the same key,
    // which never re-rendered and was never the item the watch notified. Now the list is complete before it is shown,
    // an item re-renders when handed another view, and the watch renders the page when its item is not the one it holds.
    // Redis reads of live answers are also tried again after a timeout. A failed wait says what the page and console showed.
    // Its class clean-up threw ObjectDisposedException once in CI (stack not kept); the clean-up now disposes every part and
    // names the one that threw, and ReplicaShutdownTests stops a replica with a live circuit and hub watchers mid-answer.
    [Fact]
    public async Task TabOnB_KeepsShowingTheAnswerRunningOnA_AfterTheTabOnACloses()
    {
        // The engine holds the answer after 20 and after 40 of its 60 words, so each check below waits for a state, not a time.
        var after20 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var after40 = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        replicas.Llm.BeforeToken = (i, ct) => i switch
        {
            20 => after20.Task.WaitAsync(ct),
            40 => after40.Task.WaitAsync(ct),
            _ => Task.CompletedTask,
        };
        try
        {
            // One browser: the sign-in cookie is per host, so both tabs (on 127.0.0.1, different ports) carry it.
            await using var context = await browser.Browser.NewContextAsync();
            context.Console += (_, message) => _console.Enqueue($"{message.Type} {message.Page?.Url}: {message.Text}");
            var tabA = await context.NewPageAsync();
            await tabA.GotoAsync(replicas.UrlA + "/account/login");
            await tabA.Locator("[data-testid=email]").FillAsync(TwoReplicas.Email);
            await tabA.Locator("[data-testid=password]").FillAsync(TwoReplicas.Password);
            await tabA.Locator("[data-testid=sign-in]").ClickAsync();
            await ChatStreamingBrowserTests.WaitForCircuitAsync(tabA);
            await tabA.Locator("[data-testid=chat-input]").FillAsync("Tell me a long story");
            await tabA.Locator("[data-testid=chat-input]").PressAsync("Enter");
            await WaitForSessionUrlAsync(tabA);
            await WaitForWordsAsync(tabA, Streaming, 20);
            var session = new Uri(tabA.Url).AbsolutePath;

            // The second tab opens the same session on B, which did not start the answer: it shows it streaming.
            var tabB = await context.NewPageAsync();
            await tabB.GotoAsync(replicas.UrlB + session);
            await ChatStreamingBrowserTests.WaitForCircuitAsync(tabB);
            await WaitForWordsAsync(tabB, Streaming, 20);

            // The first tab closes mid-answer; the answer goes on, and B shows it growing live...
            await tabA.CloseAsync();
            after20.SetResult();
            await WaitForWordsAsync(tabB, Streaming, 40);

            // ...and then complete, every word once.
            after40.SetResult();
            await WaitForWordsAsync(tabB, Complete, TwoReplicas.Words.Count);
            Assert.Equal(string.Concat(TwoReplicas.Words).Trim(), (await tabB.Locator(Complete).InnerTextAsync()).Trim());
            Assert.StartsWith(replicas.UrlB, tabB.Url, StringComparison.Ordinal);
        }
        finally
        {
            after20.TrySetResult();
            after40.TrySetResult();
            replicas.Llm.BeforeToken = (_, _) => Task.CompletedTask;
        }
    }

    private async Task WaitForSessionUrlAsync(IPage page)
    {
        try
        {
            // Polls the page's own location: WaitForURLAsync waits for a navigation event, and one that lands between its
            // URL check and its subscription (the page moves there by history.replaceState) is missed.
            await page.WaitForFunctionAsync("() => location.pathname.startsWith('/c/')", null, new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            var shown = await page.EvaluateAsync<string>("() => document.body.innerText.slice(0, 2000)");
            throw new TimeoutException($"{page.Url} did not move to its session; it showed: {shown}; console: {string.Join(" | ", _console)}", ex);
        }
    }

    /// <summary>Waits until the answer matched by <paramref name="selector"/> shows exactly its first <paramref name="words"/> words;
    /// on a timeout, says what the page showed instead.</summary>
    private async Task WaitForWordsAsync(IPage page, string selector, int words)
    {
        try
        {
            await page.WaitForFunctionAsync(
                """
                ([selector, words]) => {
                    const text = document.querySelector(selector)?.innerText.trim() ?? '';
                    return text.split(/\s+/).length === words && text.endsWith('w' + words);
                }
                """,
                new object[] { selector, words },
                new() { Timeout = 60_000 });
        }
        catch (TimeoutException ex)
        {
            var shown = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('[data-testid=message]')].map(m => m.dataset.role + '/' + m.dataset.status + ': ' + m.innerText.trim()).join(' | ')");
            throw new TimeoutException($"{page.Url} did not show {words} words in \"{selector}\"; it showed: {shown}; console: {string.Join(" | ", _console)}", ex);
        }
    }
}
