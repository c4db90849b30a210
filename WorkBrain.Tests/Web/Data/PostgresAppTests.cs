using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Data;

/// <summary>The whole app, composed as in production, on PostgreSQL: migrated at start-up, an answer streamed from a
/// model and stored, a document indexed and found, and <c>db status</c> reporting nothing pending.</summary>
public sealed class PostgresAppTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private FakeOpenAiServer _model = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreatePostgresAsync();
        _model = await FakeOpenAiServer.StartAsync();
        _model.TokenDelay = TimeSpan.FromMilliseconds(1);
    }

    public async Task DisposeAsync()
    {
        await _model.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheAppOnPostgres_StoresAnswersAndDocuments()
    {
        var settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["TextGeneration:Endpoint"] = _model.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
        };
        _model.Answer = _ => Enumerable.Range(0, 150).Select(i => $"w{i} ").Prepend("答案：").ToList();
        using var app = new WorkBrainAppFactory(settings);
        var conversations = app.Services.GetRequiredService<ConversationService>();
        var store = app.Services.GetRequiredService<ChatStore>();

        var started = await conversations.AskAsync("local", null, "Say many words", forcedExperts: ["text_generation"]);
        await foreach (var _ in conversations.WatchAsync("local", started.Assistant.Id))
        {
        }

        var answer = await store.LoadMessageAsync("local", started.Assistant.Id);
        Assert.Equal(MessageStatuses.Complete, answer!.Status);
        Assert.Equal("答案：" + string.Concat(Enumerable.Range(0, 150).Select(i => $"w{i} ")), answer.AnswerText);

        var library = app.Services.GetRequiredService<DocumentLibrary>();
        var added = await library.AddAsync("local", "notes.txt", new MemoryStream("Pgvector keeps the embeddings. 文档在数据库里。"u8.ToArray()));
        var ready = await library.WaitUntilIndexedAsync("local", added.Id, new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        Assert.Equal(DocumentStatus.Ready, ready!.Status);
        Assert.Contains("Pgvector", (await library.SearchAsync("local", "embeddings", 1))[0].Text, StringComparison.Ordinal);

        var db = app.Services.GetServices<ICliCommand>().Single(c => c.Name == "db");
        var output = new StringWriter();
        Assert.Equal(0, await db.RunAsync(["status"], TextReader.Null, output, TextWriter.Null, default));
        Assert.Contains("database: postgres", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pending", output.ToString(), StringComparison.Ordinal);
        await using var context = await app.Services.GetRequiredService<WorkBrainDbContextFactory>().CreateDbContextAsync();
        Assert.IsType<PostgresWorkBrainDbContext>(context);
    }
}
