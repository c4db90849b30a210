using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Events;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Conversations;

/// <summary>Issue 12, added time to first token: the engine is asked while the turn's rows are written, so a database
/// busy with other answers' writes does not delay the first token; the hub's way of asking (AskLiveAsync) shows it before
/// the rows exist, nothing of the answer is written before them, and the history the engine reads is the session before
/// this turn, once.</summary>
public sealed class TurnStartTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private FakeOpenAiServer _llm = default!;
    private WorkBrainAppFactory _app = default!;
    private TaskCompletionSource<JsonNode> _asked = NewSignal();
    private int _requests;
    private TaskCompletionSource<JsonNode> _thirdAsked = NewSignal();

    public async Task InitializeAsync()
    {
        _llm = await FakeOpenAiServer.StartAsync();
        _llm.TokenDelay = TimeSpan.FromMilliseconds(5);
        _llm.Answer = request =>
        {
            _asked.TrySetResult(request);
            if (Interlocked.Increment(ref _requests) == 3)
            {
                _thirdAsked.TrySetResult(request);
            }

            return ["Spring ", "is ", "here."];
        };
        _app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = _llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        });
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _llm.DisposeAsync();
    }

    private ConversationService Conversations => _app.Services.GetRequiredService<ConversationService>();

    private ChatStore Store => _app.Services.GetRequiredService<ChatStore>();

    private DatabaseWriteLock WriteLock => ((WorkBrainDbContextFactory)_app.Services.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>()).WriteLock;

    [Fact]
    public async Task Ask_DatabaseBusy_EngineIsAskedBeforeTheTurnIsWritten()
    {
        await Store.ListSessionsAsync("local"); // the database exists (migrated) before its write lock is held

        // Another writer holds the database: the turn cannot be written yet, but the engine is already asked.
        var busy = await WriteLock.EnterAsync();
        var asking = Conversations.AskAsync("local", null, "Write about spring");
        var request = await WaitAsync(_asked.Task, "the engine was not asked while the turn's write waited for the database");
        Assert.False(asking.IsCompleted, "the turn cannot have been written while the write lock is held");
        Assert.Equal("Write about spring", LastUserText(request));
        busy.Dispose();
        var first = await asking.WaitAsync(Wait);
        Assert.Equal("Spring is here.", await AnswerAsync(first));

        // The next turn in the session: the history is the first turn, once, and the new question comes last, once.
        _asked = NewSignal();
        busy = await WriteLock.EnterAsync();
        asking = Conversations.AskAsync("local", first.SessionId, "And summer?");
        request = await WaitAsync(_asked.Task, "the engine was not asked while the second turn's write waited");
        var messages = request["messages"]!.AsArray().Where(m => m!["role"]!.ToString() != "system")
            .Select(m => $"{m!["role"]}: {m["content"]}").ToList();
        Assert.Equal(["user: Write about spring", "assistant: Spring is here.", "user: And summer?"], messages);
        busy.Dispose();
        var second = await asking.WaitAsync(Wait);

        Assert.Equal("Spring is here.", await AnswerAsync(second));
        var stored = await Store.LoadMessagesAsync("local", first.SessionId);
        Assert.Equal(["Write about spring", "Spring is here.", "And summer?", "Spring is here."], stored!.Select(m => m.IsUser ? m.Text : m.AnswerText).ToList());
        Assert.All(stored!, m => Assert.Equal(MessageStatuses.Complete, m.Status));
    }

    [Fact]
    public async Task AskLive_DatabaseBusy_FirstTextIsShownBeforeTheTurnIsWrittenAndStoredAfterIt()
    {
        await Store.ListSessionsAsync("local");

        // The database is busy: the hub's way of asking returns, and the answer's first text reaches a watcher, while
        // the turn's rows cannot be written yet.
        var busy = await WriteLock.EnterAsync();
        var live = await Conversations.AskLiveAsync("local", null, "Write about spring").WaitAsync(Wait);
        using var timeout = new CancellationTokenSource(Wait);
        await using var events = Conversations.WatchAsync("local", live.AssistantMessageId).GetAsyncEnumerator(timeout.Token);
        var text = "";
        while (text.Length == 0 && await events.MoveNextAsync())
        {
            text += events.Current is TextDelta d ? d.Text : "";
        }

        Assert.Equal("Spring ", text);
        Assert.False(live.Written.IsCompleted, "the turn cannot have been written while the write lock is held");

        // Once the database is free the turn is written, then the answer, which ends only when all of it is stored.
        busy.Dispose();
        while (await events.MoveNextAsync())
        {
            text += events.Current is TextDelta d ? d.Text : "";
        }

        var started = await live.Written.WaitAsync(Wait);
        Assert.Equal((live.SessionId, live.UserMessageId, live.AssistantMessageId), (started.SessionId, started.User.Id, started.Assistant.Id));
        var stored = await Store.LoadMessagesAsync("local", live.SessionId);
        Assert.Equal(["Write about spring", "Spring is here."], stored!.Select(m => m.IsUser ? m.Text : m.AnswerText).ToList());
        Assert.Equal("Spring is here.", text);
        Assert.All(stored!, m => Assert.Equal(MessageStatuses.Complete, m.Status));
    }

    [Fact]
    public async Task Ask_TurnCannotBeWritten_AnswerStopsAndNothingIsLeftRunning()
    {
        await Store.ListSessionsAsync("local");
        var session = await Store.CreateSessionAsync("local", "doomed");
        _llm.FirstTokenDelay = TimeSpan.FromSeconds(30); // still before its first token when the write fails
        var busy = await WriteLock.EnterAsync();
        var asking = Conversations.AskAsync("local", session.Id, "Write about spring");
        await WaitAsync(_asked.Task, "the engine was not asked while the turn's write waited");

        // The session goes away before the turn is written: the write fails, and so does the ask, which stops the engine.
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>().CreateDbContextAsync())
        {
            await db.Sessions.Where(s => s.Id == session.Id).ExecuteDeleteAsync();
        }

        busy.Dispose();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => asking.WaitAsync(Wait));
        Assert.Null(await Store.GetSessionAsync("local", session.Id));
    }

    [Fact]
    public async Task Ask_SeveralTurnsStartTogether_OneThatCannotBeWrittenFailsAlone()
    {
        await Store.ListSessionsAsync("local");
        var doomed = await Store.CreateSessionAsync("local", "doomed");

        // The database is busy while three turns start: they are written together once it is free.
        var busy = await WriteLock.EnterAsync();
        var first = Conversations.AskAsync("local", null, "Write about spring");
        var failing = Conversations.AskAsync("local", doomed.Id, "Write about summer");
        var third = Conversations.AskAsync("local", null, "Write about autumn");
        await WaitAsync(_thirdAsked.Task, "the engine was not asked for all three turns while their writes waited");
        await using (var db = await _app.Services.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>().CreateDbContextAsync())
        {
            // Deleting needs no write lock of ours (it is this test's own connection); the turn's write then fails.
            await db.Sessions.Where(s => s.Id == doomed.Id).ExecuteDeleteAsync();
        }

        busy.Dispose();
        await Assert.ThrowsAsync<KeyNotFoundException>(() => failing.WaitAsync(Wait));
        foreach (var started in new[] { await first.WaitAsync(Wait), await third.WaitAsync(Wait) })
        {
            // Read once it has ended (it may have ended already: then there is nothing left to watch).
            await foreach (var _ in Conversations.WatchAsync("local", started.Assistant.Id).WithCancellation(new CancellationTokenSource(Wait).Token))
            {
            }

            var stored = await Store.LoadMessageAsync("local", started.Assistant.Id);
            Assert.Equal((MessageStatuses.Complete, "Spring is here."), (stored!.Status, stored.AnswerText));
        }

        var titles = (await Store.ListSessionsAsync("local")).Select(s => s.Title).Order().ToList();
        Assert.Equal(["Write about autumn", "Write about spring"], titles);
    }

    private static TaskCompletionSource<JsonNode> NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The answer, read to its end as a watcher sees it.</summary>
    private async Task<string> AnswerAsync(ConversationService.StartedTurn turn)
    {
        var text = "";
        await foreach (var e in Conversations.WatchAsync("local", turn.Assistant.Id).WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            text += e is TextDelta d ? d.Text : "";
        }

        var stored = await Store.LoadMessageAsync("local", turn.Assistant.Id);
        Assert.True(stored!.Status == MessageStatuses.Complete, $"the answer ended {stored.Status} with \"{stored.AnswerText}\" (watched: \"{text}\")");
        // Watching from event 0 gives all of it, or nothing when the answer had already ended (it can, once its rows are
        // written: the engine's events were buffered meanwhile, and its writes merge into one).
        Assert.True(text.Length == 0 || text == stored.AnswerText, $"watched \"{text}\", stored \"{stored.AnswerText}\"");
        return stored.AnswerText;
    }

    private static string LastUserText(JsonNode request) =>
        request["messages"]!.AsArray().Last(m => m!["role"]!.ToString() == "user")!["content"]!.ToString();

    private static async Task<T> WaitAsync<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Wait);
        }
        catch (TimeoutException)
        {
            Assert.Fail(what + $" within {Wait.TotalSeconds:0} s");
            throw;
        }
    }
}
