using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using WorkBrain.Benchmarks.Load;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Benchmarks;

/// <summary>
/// How long after the engine's last token a long answer is whole where a user reads it: in Chromium on the chat page
/// (the Blazor circuit; the letters counted in the page as it changes) and at a hub client, against one WorkBrain
/// process and the engine stub. Bounded, 127.0.0.1 only.
/// <c>screen [--kb 440] [--tokens-per-second 2000] [--token-chars 40] [--paragraph-tokens 0] [--runs 2]</c>
/// (<c>--paragraph-tokens 20</c> ends a paragraph every 20 tokens; 0 writes the whole answer as one paragraph, the hardest
/// case for the streaming markdown).
/// </summary>
internal sealed class ScreenBenchmark : IBenchmark
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string Question = "Write a short note about spring.";

    public string Name => "screen";

    public string Description => "a long answer (default 440 KB) on screen in Chromium and at a hub client: time after the engine's last token";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var kb = Int(args, "--kb", 440);
        var tokenChars = Int(args, "--token-chars", 40);
        var tokensPerSecond = Int(args, "--tokens-per-second", 2000);
        var paragraphTokens = Int(args, "--paragraph-tokens", 0);
        var runs = Int(args, "--runs", 2);
        var tokens = kb * 1024 / tokenChars;
        await using var stub = await EngineStub.StartAsync(TimeSpan.FromMilliseconds(100), tokensPerSecond, tokens, tokenChars, paragraphTokens);
        var data = Path.Combine(Path.GetTempPath(), "workbrain-bench-screen-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        try
        {
            await using var replica = await WorkBrainProcess.StartAsync(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["Storage:DataDirectory"] = data,
                ["Accounts:RequireLogin"] = "false",
                ["TextGeneration:Endpoint"] = stub.BaseUrl,
                ["TextGeneration:Model"] = "stub",
                ["TextGeneration:MaxOutputTokens"] = "32768",
                ["Logging:LogLevel:Default"] = "Warning",
            }, null, cancellationToken);
            output.WriteLine($"answer: {tokens:N0} tokens of {tokenChars} chars = {tokens * tokenChars / 1024:N0} KB at {tokensPerSecond:N0} tokens/s " +
                             $"({(paragraphTokens > 0 ? $"a paragraph every {paragraphTokens} tokens" : "one paragraph")}); {Environment.ProcessorCount} cores, " +
                             "shared machine: figures vary with other load");

            for (var run = 1; run <= runs; run++)
            {
                var hub = await HubAsync(replica.Url, stub, cancellationToken);
                output.WriteLine($"run {run}, hub client: whole answer {Ms(hub)} after the engine's last token");
            }

            if (!File.Exists(ChromiumPath))
            {
                output.WriteLine($"browser: skipped (needs Chromium at {ChromiumPath}: apt-get install chromium)");
                return;
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath, Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
            });
            for (var run = 1; run <= runs; run++)
            {
                var (letters, complete) = await BrowserAsync(browser, replica.Url, stub, cancellationToken);
                output.WriteLine($"run {run}, Chromium (chat page): every letter on screen {Ms(letters)}, shown as complete {Ms(complete)} after the engine's last token");
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>A hub client asks and reads to the end; time from the stub's last token to the last text.</summary>
    private static async Task<TimeSpan> HubAsync(string url, EngineStub stub, CancellationToken cancellationToken)
    {
        await using var hub = new HubConnectionBuilder().WithUrl(url + "/hubs/brain").Build();
        await hub.StartAsync(cancellationToken);
        long letters = 0;
        long lastText = 0;
        await foreach (var e in hub.StreamAsync<JsonElement>("Ask", new AskRequest(Question), cancellationToken))
        {
            if (e.TryGetProperty("type", out var t) && t.GetString() == "text_delta")
            {
                letters += e.GetProperty("text").GetString()!.Count(c => c == 'x');
                lastText = Stopwatch.GetTimestamp();
            }
        }

        return letters == stub.Letters
            ? Stopwatch.GetElapsedTime(stub.LastFinishedTicks, lastText)
            : throw new InvalidOperationException($"the hub client got {letters:N0} of {stub.Letters:N0} letters");
    }

    /// <summary>The chat page asks; a MutationObserver counts the answer's letters as the DOM changes and notes the next
    /// animation frame after the last one arrived (when it is painted).</summary>
    private static async Task<(TimeSpan Letters, TimeSpan Complete)> BrowserAsync(IBrowser browser, string url, EngineStub stub, CancellationToken cancellationToken)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(url + "/");
        await page.Locator("[data-testid=chat-input][data-ready]").WaitForAsync(new() { Timeout = 60_000 });
        await page.EvaluateAsync("""
            expected => {
              window.__wbLetters = new Promise(resolve => {
                const count = () => {
                  const answers = document.querySelectorAll('[data-testid=message][data-role=assistant] [data-testid=answer-text]');
                  const text = answers.length ? answers[answers.length - 1].textContent : '';
                  let n = 0;
                  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 120) n++;
                  return n;
                };
                const observer = new MutationObserver(() => {
                  if (count() >= expected) { observer.disconnect(); requestAnimationFrame(() => resolve(true)); }
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
              });
            }
            """, stub.Letters);
        await page.Locator("[data-testid=chat-input]").FillAsync(Question);
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.EvaluateAsync("() => window.__wbLetters");
        var letters = Stopwatch.GetTimestamp();
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 300_000 });
        var complete = Stopwatch.GetTimestamp();
        return (Stopwatch.GetElapsedTime(stub.LastFinishedTicks, letters), Stopwatch.GetElapsedTime(stub.LastFinishedTicks, complete));
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private static int Int(IReadOnlyList<string> args, string name, int fallback)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return fallback;
    }
}
