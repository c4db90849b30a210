using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Scale;

/// <summary>A replica with Redis stops while people use it: a chat tab's circuit watches a running answer, a hub client
/// watches another, and both answers are held mid-way by the engine. Stopping and disposing the app (what a deployment
/// does on every restart, and the two-replica tests' clean-up does) throws nothing, and nothing logs an
/// ObjectDisposedException on the way down (the circuit used to crash with one, rendering after the container was gone).
/// The two-replica browser test's clean-up once threw one in CI.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReplicaShutdownTests(BrowserFixture browser)
{
    private static readonly IReadOnlyList<string> Words = Enumerable.Range(1, 60).Select(i => $"w{i} ").ToList();

    [Fact]
    public async Task DisposingAReplica_WithALiveCircuitAndAHubWatcherOnRunningAnswers_ThrowsNothing()
    {
        await using var redis = await RedisServer.StartAsync();
        var disposedErrors = new ConcurrentQueue<string>();
        var chat = await ChatApp.StartAsync(Words, TimeSpan.FromMilliseconds(10), new Dictionary<string, string?>
        {
            ["Redis:Connection"] = redis.Connection,
            ["Redis:KeyPrefix"] = "wbtest-" + Guid.NewGuid().ToString("N")[..8] + ":",
        }, services => services.AddSingleton<ILoggerProvider>(new DisposedErrorLog(disposedErrors)));
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        chat.Llm.BeforeToken = (i, ct) => i == 20 ? held.Task.WaitAsync(ct) : Task.CompletedTask;
        try
        {
            // A tab whose circuit watches its answer, held after 20 words.
            await using var context = await browser.Browser.NewContextAsync();
            var tab = await context.NewPageAsync();
            await tab.GotoAsync(chat.BaseUrl);
            await ChatStreamingBrowserTests.WaitForCircuitAsync(tab);
            await tab.Locator("[data-testid=chat-input]").FillAsync("Tell me a long story");
            await tab.Locator("[data-testid=chat-input]").PressAsync("Enter");
            await tab.WaitForFunctionAsync(
                "() => (document.querySelector('[data-testid=message][data-role=assistant][data-status=streaming] [data-testid=answer-text]')?.innerText ?? '').includes('w20')",
                null, new() { Timeout = 60_000 });

            // A hub client asks for another answer, and a second one watches it; both are held after 20 words too.
            await using var asker = new HubConnectionBuilder().WithUrl(chat.BaseUrl + "/hubs/brain").Build();
            await asker.StartAsync();
            var ask = asker.StreamAsync<JsonElement>("Ask", new AskRequest("Another story")).GetAsyncEnumerator();
            Assert.True(await ask.MoveNextAsync());
            var started = ask.Current.Deserialize<TurnStarted>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            await using var watcher = new HubConnectionBuilder().WithUrl(chat.BaseUrl + "/hubs/brain").Build();
            await watcher.StartAsync();
            var watch = watcher.StreamAsync<JsonElement>("Watch", started.MessageId, 0).GetAsyncEnumerator();
            var text = "";
            while (!text.Contains("w20", StringComparison.Ordinal) && await watch.MoveNextAsync())
            {
                if (watch.Current.GetProperty("type").GetString() == "text_delta")
                {
                    text += watch.Current.GetProperty("text").GetString();
                }
            }

            Assert.Contains("w20", text, StringComparison.Ordinal);

            // The replica stops with all of that live.
            var thrown = await Record.ExceptionAsync(() => chat.App.DisposeAsync().AsTask());

            Assert.Null(thrown);
            Assert.True(disposedErrors.IsEmpty, "logged while the replica stopped: " + string.Join(" | ", disposedErrors));
        }
        finally
        {
            held.TrySetResult();
            await chat.DisposeAsync();
        }
    }

    /// <summary>Records whatever is logged with an ObjectDisposedException anywhere in its exception.</summary>
    private sealed class DisposedErrorLog(ConcurrentQueue<string> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                for (var e = exception; e is not null; e = e.InnerException)
                {
                    if (e is ObjectDisposedException)
                    {
                        entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
                        return;
                    }
                }
            }
        }
    }
}
