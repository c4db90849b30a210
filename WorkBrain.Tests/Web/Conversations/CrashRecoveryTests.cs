using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Data;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Conversations;

/// <summary>Issue 13 item 11: the app is killed with SIGKILL in the middle of an answer, as a crash would; after a restart the
/// partial answer is "interrupted" (not "stopped"), keeps its text, and is sent to the model as history with the next message.</summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();
    private FakeOpenAiServer _model = null!;

    public async Task InitializeAsync()
    {
        _model = await FakeOpenAiServer.StartAsync();
        _model.TokenDelay = TimeSpan.FromMilliseconds(100);
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task KilledMidAnswer_TheAnswerIsInterruptedKeepsItsTextAndIsHistoryForTheNextMessage()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _database.Options.DataDirectory,
            ["Accounts:RequireLogin"] = "false",
            ["TextGeneration:Endpoint"] = _model.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        _model.Answer = _ => ["Once ", "upon ", "a ", "time ", .. Enumerable.Repeat("and on ", 600)];
        string sessionId, messageId;
        await using (var first = await ChildApp.StartAsync(settings, StartTimeout))
        {
            await using var hub = await ConnectAsync(first);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var stream = hub.StreamAsync<JsonElement>("Ask", new AskRequest("Tell me a long story", null, ["text_generation"]), cts.Token).GetAsyncEnumerator(cts.Token);
            Assert.True(await stream.MoveNextAsync());
            var started = stream.Current.Deserialize<TurnStarted>(new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
            (sessionId, messageId) = (started.SessionId, started.MessageId);

            // The crash comes once some of the answer is in the database (one flush window after the first tokens).
            while (!(await StoredAnswerAsync(messageId)).Contains("upon", StringComparison.Ordinal))
            {
                await Task.Delay(50, cts.Token);
            }

            await first.KillAsync();
        }

        var partial = await StoredAnswerAsync(messageId);
        _model.Answer = _ => ["The ", "end."];
        await using var second = await ChildApp.StartAsync(settings, StartTimeout);
        await using var client = await ConnectAsync(second);
        var messages = await client.InvokeAsync<List<MessageDto>>("GetMessages", sessionId);
        var answer = messages.Single(m => m.Id == messageId);
        Assert.Equal(MessageStatuses.Interrupted, answer.Status);
        Assert.StartsWith("Once upon", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith(partial, answer.Text, StringComparison.Ordinal);

        _model.Requests.Clear();
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var _ in client.StreamAsync<JsonElement>("Ask", new AskRequest("Go on", sessionId, ["text_generation"]), done.Token))
        {
        }

        var sent = Assert.Single(_model.Requests)["messages"]!.AsArray().Select(m => (Role: m!["role"]!.ToString(), Content: m["content"]!.ToString())).ToList();
        Assert.Contains(sent, m => m.Role == "assistant" && m.Content.StartsWith("Once upon", StringComparison.Ordinal));
        Assert.Equal(("user", "Go on"), sent[^1]);
    }

    private static async Task<HubConnection> ConnectAsync(ChildApp app)
    {
        var hub = new HubConnectionBuilder().WithUrl(app.BaseUrl + "/hubs/brain").Build();
        await hub.StartAsync();
        return hub;
    }

    /// <summary>The answer's text as the database holds it, read beside the running app (SQLite WAL allows it).</summary>
    private async Task<string> StoredAnswerAsync(string messageId)
    {
        await using var connection = new SqliteConnection($"Data Source={_database.Options.SqlitePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT group_concat(Content, '') FROM chat_message_parts WHERE MessageId = $id AND Kind = 'text'";
        command.Parameters.AddWithValue("$id", messageId);
        return await command.ExecuteScalarAsync() as string ?? "";
    }
}
