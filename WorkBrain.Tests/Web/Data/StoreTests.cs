using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Events;
using WorkBrain.Core.Storage;
using WorkBrain.Tests.Core.Documents;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Data;

/// <summary>One suite for every storage provider: each test gets a fresh database (a SQLite file, or a uniquely named
/// PostgreSQL database that is dropped afterwards) migrated from empty by the app's own factory.</summary>
public abstract class StoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    protected abstract string Provider { get; }

    protected WorkBrainDbContextFactory Factory { get; private set; } = null!;

    protected StorageOptions Options => _database.Options;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(Provider);
        Factory = _database.CreateFactory();
        var services = new ServiceCollection();
        services.AddSingleton<IDbContextFactory<WorkBrainDbContext>>(Factory);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(_database.Options));
        services.AddSingleton<ChatStore>();
        services.AddSingleton<AnswerRecovery>();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected ChatStore Store => _services.GetRequiredService<ChatStore>();

    [Fact]
    public async Task Migrate_FromEmpty_AppliesEveryMigrationAndLeavesNonePending()
    {
        await Factory.EnsureReadyAsync();
        await using var db = Factory.CreateDbContext();

        var (applied, pending) = await DatabaseMigrator.StatusAsync(db, default);

        Assert.Empty(pending);
        Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal), applied);
        Assert.True(applied.Count >= 2);
    }

    [Fact]
    public async Task Migrate_FromTheFirstMigration_KeepsEveryRowAndAddsTheNewColumns()
    {
        await using (var db = Factory.CreateDbContext())
        {
            var first = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).First();
            await db.GetService<IMigrator>().MigrateAsync(first);
            var now = DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlAsync($"""INSERT INTO chat_sessions ("Id", "UserId", "Title", "CreatedAt", "UpdatedAt") VALUES ('s1', 'ada', 'Old chat', {now}, {now})""");
            await db.Database.ExecuteSqlAsync($"""INSERT INTO chat_messages ("Id", "SessionId", "Sequence", "Role", "Text", "Status", "CreatedAt") VALUES ('m1', 's1', 0, 'user', 'hello from before', 'complete', {now})""");
        }

        await Factory.EnsureReadyAsync();
        var messages = await Store.LoadMessagesAsync("ada", "s1");
        var turn = await Store.AddTurnAsync("ada", "s1", "and now", [], null);

        Assert.Equal("hello from before", Assert.Single(messages!).Text);
        await using var check = Factory.CreateDbContext();
        Assert.Equal(Options.InstanceId, (await check.Messages.SingleAsync(m => m.Id == turn.Assistant.Id)).Owner);
    }

    [Fact]
    public async Task Sessions_CreateRenameListDelete_OnlyForTheirOwner()
    {
        var a = await Store.CreateSessionAsync("ada", "Spring essay 春天");
        await Store.CreateSessionAsync("bob", "Bob's");

        Assert.True(await Store.RenameSessionAsync("ada", a.Id, "Renamed"));
        Assert.False(await Store.RenameSessionAsync("bob", a.Id, "Stolen"));
        Assert.Equal(["Renamed"], (await Store.ListSessionsAsync("ada")).Select(s => s.Title));
        Assert.Equal(["Renamed"], (await Store.ListSessionsAsync("ada", "name")).Select(s => s.Title));
        Assert.False(await Store.DeleteSessionAsync("bob", a.Id));
        Assert.True(await Store.DeleteSessionAsync("ada", a.Id));
        Assert.Empty(await Store.ListSessionsAsync("ada"));
    }

    [Fact]
    public async Task Messages_PageFromTheNewestBackwardsAndForwards()
    {
        var sessionId = await LongChatBrowserTests.SeedAsync(_services, "ada", 120);

        var newest = await Store.LoadMessagesAsync("ada", sessionId, 20);
        var before = await Store.LoadMessagesAsync("ada", sessionId, 20, newest![0].Sequence);
        var after = await Store.LoadMessagesAfterAsync("ada", sessionId, 9, 5);

        Assert.Equal(Enumerable.Range(100, 20), newest.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(80, 20), before!.Select(m => m.Sequence));
        Assert.Equal(Enumerable.Range(10, 5), after!.Select(m => m.Sequence));
        Assert.Null(await Store.LoadMessagesAsync("bob", sessionId, 20));
    }

    [Fact]
    public async Task Writer_CoalescesDeltas_WritesOtherEventsAtOnce_AndKeepsEveryCharacter()
    {
        var session = await Store.CreateSessionAsync("ada", "Coalescing");
        var (user, assistant) = await Store.AddTurnAsync("ada", session.Id, "write a lot", [], null);
        var options = new StreamWriteOptions { FlushDeltas = 64, FlushMilliseconds = 60_000 };
        var expected = new StringBuilder();
        await using (var writer = new MessageEventWriter(new AnswerWriteQueue(Factory), assistant.Id, user.Id, options))
        {
            for (var i = 0; i < 200; i++)
            {
                var token = i % 7 == 0 ? "字" : $"t{i} ";
                expected.Append(token);
                await writer.WriteAsync(new TextDelta("text_generation", token), default);
            }

            Assert.Equal(3, writer.Writes); // after 64, 128 and 192 deltas
            await writer.WriteAsync(new ExpertFailed("image_generation", "no model"), default);
            Assert.Equal(4, writer.Writes); // the 8 buffered deltas went out with the failure
            await writer.WriteAsync(new TextDelta("text_generation", "end."), default);
            expected.Append("end.");
            await writer.FinishAsync(MessageStatuses.Complete, expected.ToString());
            Assert.Equal(5, writer.Writes);
        }

        var stored = await Store.LoadMessageAsync("ada", assistant.Id);
        Assert.Equal(expected.ToString(), stored!.AnswerText);
        Assert.Equal(MessageStatuses.Complete, stored.Status);
        Assert.Equal("no model", stored.Sections.Single(s => s.Expert == "image_generation").Error);
    }

    [Fact]
    public async Task Writer_FlushesBufferedTextWhenTheWindowPasses_WithoutAnotherDelta()
    {
        var session = await Store.CreateSessionAsync("ada", "Window");
        var (user, assistant) = await Store.AddTurnAsync("ada", session.Id, "slow model", [], null);
        await using var writer = new MessageEventWriter(new AnswerWriteQueue(Factory), assistant.Id, user.Id, new StreamWriteOptions { FlushDeltas = 1000, FlushMilliseconds = 50 });

        await writer.WriteAsync(new TextDelta("text_generation", "first words"), default);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Store.LoadMessageAsync("ada", assistant.Id, timeout.Token))!.AnswerText != "first words")
        {
            await Task.Delay(20, timeout.Token);
        }

        Assert.Equal(1, writer.Writes);
    }

    [Fact]
    public async Task WriteQueue_MergesTheFlushesOfAnAnswerWaitingForTheDatabase_IntoOneWriteThatKeepsTheirOrder()
    {
        var session = await Store.CreateSessionAsync("ada", "Backlog");
        var (user, assistant) = await Store.AddTurnAsync("ada", session.Id, "write while the database is busy", [], null);
        var sql = new SqlCommandLog();
        var queue = new AnswerWriteQueue(new WorkBrainDbContextFactory(Microsoft.Extensions.Options.Options.Create(Options), sql.Factory));
        await using var writer = new MessageEventWriter(queue, assistant.Id, user.Id, new StreamWriteOptions { FlushDeltas = 1, FlushMilliseconds = 60_000 });
        var text = new StringBuilder("Once ");
        await writer.WriteAsync(new TextDelta("text_generation", "Once "), default);
        await writer.WrittenAsync(); // the text part's row exists: the flushes below append to it
        sql.Clear();

        // The queue is busy with a write that waits for this test, so every flush below waits in the queue.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = queue.WriteFirstAsync(async _ =>
        {
            await release.Task;
            return true;
        });
        Task finished;
        try
        {
            for (var i = 0; i < 30; i++)
            {
                var token = i % 5 == 0 ? "字" : $"t{i} ";
                text.Append(token);
                await writer.WriteAsync(new TextDelta("text_generation", token), default);
                if (i == 10)
                {
                    await writer.WriteAsync(new ExpertFailed("image_generation", "no model"), default);
                    await writer.WriteAsync(new TextDelta("document_qa", "from the manual"), default);
                }
            }

            finished = writer.FinishAsync(MessageStatuses.Complete, text.ToString());
            Assert.Equal(1 + 30 + 2 + 1, writer.Writes); // every delta, the failure and the finish were handed over alone
            Assert.False(finished.IsCompleted);
        }
        finally
        {
            release.SetResult();
        }

        await busy;
        await finished;

        var stored = await Store.LoadMessageAsync("ada", assistant.Id);
        Assert.Equal(["text_generation", "image_generation", "document_qa"], stored!.Sections.Select(s => s.Expert));
        Assert.Equal(text.ToString(), stored.Sections[0].Text);
        Assert.Equal("no model", stored.Sections[1].Error);
        Assert.Equal("from the manual", stored.Sections[2].Text);
        Assert.Equal(MessageStatuses.Complete, stored.Status);
        var appends = sql.Commands.Count(c => System.Text.RegularExpressions.Regex.IsMatch(c, "UPDATE \"?chat_message_parts\"?"));
        Assert.Equal(1, appends); // 30 flushes of text_generation waited together: one append with all of their text
    }

    [Fact]
    public async Task WriteQueue_AFailingWriteFailsOnlyItsOwnAnswer_TheOthersWaitingWithItAreWritten()
    {
        var kept = await Store.CreateSessionAsync("ada", "Kept");
        var (keptUser, keptAnswer) = await Store.AddTurnAsync("ada", kept.Id, "stay", [], null);
        var deleted = await Store.CreateSessionAsync("ada", "Deleted meanwhile");
        var (goneUser, goneAnswer) = await Store.AddTurnAsync("ada", deleted.Id, "go away", [], null);
        var queue = new AnswerWriteQueue(Factory);
        var options = new StreamWriteOptions { FlushDeltas = 1, FlushMilliseconds = 60_000 };
        await using var keptWriter = new MessageEventWriter(queue, keptAnswer.Id, keptUser.Id, options);
        await using var goneWriter = new MessageEventWriter(queue, goneAnswer.Id, goneUser.Id, options);
        Assert.True(await Store.DeleteSessionAsync("ada", deleted.Id));

        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = queue.WriteFirstAsync(async _ =>
        {
            await release.Task;
            return true;
        });
        Task goneFinished, keptFinished;
        try
        {
            foreach (var word in new[] { "one ", "two ", "three" })
            {
                await goneWriter.WriteAsync(new TextDelta("text_generation", word), default);
                await keptWriter.WriteAsync(new TextDelta("text_generation", word), default);
            }

            goneFinished = goneWriter.FinishAsync(MessageStatuses.Complete, "one two three");
            keptFinished = keptWriter.FinishAsync(MessageStatuses.Complete, "one two three");
        }
        finally
        {
            release.SetResult();
        }

        await busy;

        await Assert.ThrowsAnyAsync<Exception>(() => goneFinished);
        await keptFinished;
        var stored = await Store.LoadMessageAsync("ada", keptAnswer.Id);
        Assert.Equal("one two three", stored!.AnswerText);
        Assert.Equal(MessageStatuses.Complete, stored.Status);
    }

    [Fact]
    public async Task ApiKey_LastUsed_IsWrittenOncePerMinute_NotOncePerCall()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var keys = new ApiKeyService(Factory, clock);
        var (_, key) = await keys.CreateAsync("ada", "busy key");
        async Task<DateTimeOffset?> LastUsedAsync() => (await keys.ListAsync("ada")).Single().LastUsedAt;

        Assert.Equal("ada", await keys.FindUserAsync(key));
        var first = clock.Now;
        Assert.Equal(first, await LastUsedAsync());

        clock.Now = first.AddSeconds(30);
        Assert.Equal("ada", await keys.FindUserAsync(key));
        Assert.Equal(first, await LastUsedAsync());

        clock.Now = first.AddSeconds(61);
        Assert.Equal("ada", await keys.FindUserAsync(key));
        Assert.Equal(clock.Now, await LastUsedAsync());
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Recovery_MarksThisInstancesStreamingAnswersInterrupted_KeepsTheirTextAsHistory()
    {
        var session = await Store.CreateSessionAsync("ada", "Crash");
        var (user, assistant) = await Store.AddTurnAsync("ada", session.Id, "tell me a story", [], null);
        await using (var writer = new MessageEventWriter(new AnswerWriteQueue(Factory), assistant.Id, user.Id, new StreamWriteOptions { FlushDeltas = 2 }))
        {
            await writer.WriteAsync(new TextDelta("text_generation", "Once upon "), default);
            await writer.WriteAsync(new TextDelta("text_generation", "a time"), default);
        }

        var other = await Store.CreateSessionAsync("ada", "Running elsewhere");
        var (_, elsewhere) = await Store.AddTurnAsync("ada", other.Id, "busy", [], null);
        await using (var db = Factory.CreateDbContext())
        {
            await db.Messages.Where(m => m.Id == elsewhere.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.Owner, "another-replica"));
        }

        var recovered = await _services.GetRequiredService<AnswerRecovery>().RecoverAsync();
        var next = await Store.AddTurnAsync("ada", session.Id, "go on", [], null);
        var history = await Store.HistoryAsync(session.Id, next.User.Sequence, 40);

        Assert.Equal(1, recovered);
        var message = await Store.LoadMessageAsync("ada", assistant.Id);
        Assert.Equal(MessageStatuses.Interrupted, message!.Status);
        Assert.Equal("Once upon a time", message.Text);
        Assert.Equal(["tell me a story", "Once upon a time"], history.Select(m => m.Text));
        Assert.Equal(ChatRole.Assistant, history[1].Role);
        Assert.Equal(MessageStatuses.Streaming, (await Store.LoadMessageAsync("ada", elsewhere.Id))!.Status);
    }

    [Fact]
    public async Task Documents_AddIndexListSearchDelete_ScopedToTheirOwner()
    {
        await using var library = await LibraryFixture.StartAsync(Options);
        var notes = await library.AddAndWaitAsync("ada", "notes.txt", Encoding.UTF8.GetBytes("The quarterly revenue grew strongly.\n\n春天来了，花开了。"));
        var again = await library.Library.AddAsync("ada", "copy.txt", new MemoryStream(Encoding.UTF8.GetBytes("The quarterly revenue grew strongly.\n\n春天来了，花开了。")));

        var listed = await library.Library.ListAsync("ada");
        var hits = await library.Library.SearchAsync("ada", "revenue", 3);
        var strangerHits = await library.Library.SearchAsync("bob", "revenue", 3);

        Assert.Equal(DocumentStatus.Ready, notes.Status);
        Assert.Equal(notes.Id, again.Id); // the same content is one document
        Assert.True(Assert.Single(listed).Chunks >= 1);
        Assert.Contains("revenue", hits[0].Text, StringComparison.Ordinal);
        Assert.Equal("notes.txt", hits[0].DocumentName);
        Assert.Empty(strangerHits);
        Assert.Null(await library.Library.GetAsync("bob", notes.Id));
        Assert.False(await library.Library.DeleteAsync("bob", notes.Id));
        Assert.True(await library.Library.DeleteAsync("ada", notes.Id));
        Assert.Empty(await library.Library.SearchAsync("ada", "revenue", 3));
    }

    [Fact]
    public async Task Documents_EmbeddingsFindAPassageThatSharesNoWordWithTheQuery()
    {
        var generator = new AnimalEmbeddings();
        await using var library = await LibraryFixture.StartAsync(Options, generator);
        await library.AddAndWaitAsync("ada", "notes.txt", Encoding.UTF8.GetBytes("Cats purr when content.\n\nThe quarterly revenue grew strongly."));
        await library.AddAndWaitAsync("bob", "bob.txt", Encoding.UTF8.GetBytes("A cat of Bob's sleeps all day."));

        var hits = await library.Library.SearchAsync("ada", "feline", 2);

        Assert.Contains("Cats", hits[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain(hits, h => h.DocumentName == "bob.txt");
    }

    [Fact]
    public async Task Documents_ReplicasStartingTogether_TakeEachPendingDocumentOnce_AndTakeOverOnlyStaleClaims()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        await using var a = LibraryFixture.Create(Replica("replica-a"), clock);
        await using var b = LibraryFixture.Create(Replica("replica-b"), clock);
        long In(int seconds) => clock.Now.AddSeconds(seconds).ToUnixTimeMilliseconds();
        // Rows from before claims, work of a replica that died (its claims ran out), and work a live replica c holds.
        await InsertPendingAsync(a.Store, "legacy-1", DocumentStatus.Queued, null, null);
        await InsertPendingAsync(a.Store, "legacy-2", DocumentStatus.Queued, null, null);
        await InsertPendingAsync(a.Store, "dead-queued", DocumentStatus.Queued, "replica-gone", In(-1));
        await InsertPendingAsync(a.Store, "dead-indexing", DocumentStatus.Indexing, "replica-gone", In(-1));
        await InsertPendingAsync(a.Store, "live-queued", DocumentStatus.Queued, "replica-c", In(60));
        await InsertPendingAsync(a.Store, "live-indexing", DocumentStatus.Indexing, "replica-c", In(60));

        await Task.WhenAll(a.Library.RecoverPendingAsync(startUp: true, default), b.Library.RecoverPendingAsync(startUp: true, default));

        var onA = await DrainAsync(a);
        var onB = await DrainAsync(b);
        Assert.Equal(["dead-queued", "legacy-1", "legacy-2"], onA.Concat(onB).Order(StringComparer.Ordinal));
        var rows = await DocumentRowsAsync();
        Assert.All(onA, id => Assert.Equal("replica-a", rows[id].Owner));
        Assert.All(onB, id => Assert.Equal("replica-b", rows[id].Owner));
        Assert.Equal(DocumentStatus.Failed, rows["dead-indexing"].Status);
        Assert.Null(rows["dead-indexing"].Owner);
        Assert.Equal((DocumentStatus.Queued, "replica-c"), (rows["live-queued"].Status, rows["live-queued"].Owner));
        Assert.Equal((DocumentStatus.Indexing, "replica-c"), (rows["live-indexing"].Status, rows["live-indexing"].Owner));

        // A worker only indexes what its replica holds: another's live claim is left alone.
        await a.Library.IndexAsync("ada", "live-queued", default);
        var held = (await DocumentRowsAsync())["live-queued"];
        Assert.Equal((DocumentStatus.Queued, "replica-c"), (held.Status, held.Owner));

        // Replica c stops renewing; a and b go on renewing theirs. Past c's lease, one of them takes its work over.
        clock.Now = clock.Now.AddSeconds(61);
        await a.Library.RenewLeasesAsync(default);
        await b.Library.RenewLeasesAsync(default);
        await Task.WhenAll(a.Library.RecoverPendingAsync(startUp: false, default), b.Library.RecoverPendingAsync(startUp: false, default));

        Assert.Equal(["live-queued"], (await DrainAsync(a)).Concat(await DrainAsync(b)));
        rows = await DocumentRowsAsync();
        Assert.Contains(rows["live-queued"].Owner, new[] { "replica-a", "replica-b" });
        Assert.Equal(DocumentStatus.Failed, rows["live-indexing"].Status);
        Assert.All(onA, id => Assert.Equal("replica-a", rows[id].Owner));
        Assert.All(onB, id => Assert.Equal("replica-b", rows[id].Owner));
    }

    private StorageOptions Replica(string instanceId) => new()
    {
        DataDirectory = Options.DataDirectory, Provider = Options.Provider, ConnectionString = Options.ConnectionString, InstanceId = instanceId,
    };

    private static Task InsertPendingAsync(DocumentStore store, string id, DocumentStatus status, string? owner, long? leaseExpires) =>
        store.InsertAsync(new DocumentInfo(id, "ada", id + ".txt", "text/plain", "sha-" + id, status, null, 0, 0, DateTimeOffset.UtcNow, 0), null, owner, leaseExpires, default);

    /// <summary>The documents a replica's workers would take, in its queue's order.</summary>
    private static async Task<List<string>> DrainAsync(LibraryFixture replica)
    {
        var taken = new List<string>();
        while (replica.Library.Queue.Count > 0)
        {
            using var lease = await replica.Library.Queue.TakeAsync(default);
            taken.Add(lease.DocumentId);
        }

        return taken;
    }

    private async Task<Dictionary<string, DocumentEntity>> DocumentRowsAsync()
    {
        await using var db = Factory.CreateDbContext();
        return await db.Set<DocumentEntity>().AsNoTracking().ToDictionaryAsync(d => d.Id, StringComparer.Ordinal);
    }

    /// <summary>Three-dimensional "embeddings": animal words point one way, everything else another.</summary>
    private sealed class AnimalEmbeddings : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(v =>
                v.Contains("cat", StringComparison.OrdinalIgnoreCase) || v.Contains("feline", StringComparison.OrdinalIgnoreCase)
                    ? new Embedding<float>(new float[] { 0.9f, 0.1f, 0 })
                    : new Embedding<float>(new float[] { 0, 0.2f, 0.95f }))));

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}

public sealed class SqliteStoreTests : StoreTests
{
    protected override string Provider => "sqlite";

    [Fact]
    public async Task Embeddings_StayInTheInMemoryIndex_OnSqlite()
    {
        var store = new DocumentStore(Factory);

        Assert.False(await store.VectorsInDatabaseAsync());
    }

    [Fact]
    public async Task Writer_HandsEventsOverWhileAnotherWriterHoldsTheDatabase_AndWritesThemWhenItIsFree()
    {
        var session = await Store.CreateSessionAsync("ada", "Busy database");
        var (user, assistant) = await Store.AddTurnAsync("ada", session.Id, "go", [], null);
        var writer = new MessageEventWriter(new AnswerWriteQueue(Factory), assistant.Id, user.Id, new StreamWriteOptions { FlushDeltas = 2 });

        // Another process (or a slow writer) holds SQLite's one write lock.
        await using var other = new SqliteConnection(Options.SqliteConnectionString);
        await other.OpenAsync();
        await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", other))
        {
            await begin.ExecuteNonQueryAsync();
        }

        // The answer's events are handed over without waiting for it (before, each one blocked its thread until then).
        var handedOver = Task.Run(async () =>
        {
            await writer.WriteAsync(new ExpertStarted("text_generation", "go"), default);
            await writer.WriteAsync(new TextDelta("text_generation", "still "), default);
            await writer.WriteAsync(new TextDelta("text_generation", "streaming"), default);
        });
        await handedOver.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, writer.Writes);

        await using (var commit = new SqliteCommand("COMMIT", other))
        {
            await commit.ExecuteNonQueryAsync();
        }

        await writer.FinishAsync(MessageStatuses.Complete, "still streaming");
        var stored = await Store.LoadMessageAsync("ada", assistant.Id);
        Assert.Equal("still streaming", stored!.AnswerText);
        Assert.Equal(MessageStatuses.Complete, stored.Status);
    }
}

public sealed class PostgresStoreTests : StoreTests
{
    protected override string Provider => "postgres";

    [Fact]
    public async Task VectorSearch_RunsInSqlThroughAnHnswIndex()
    {
        var store = new DocumentStore(Factory);
        var info = new DocumentInfo("d1", "ada", "v.md", "text/markdown", "sha", DocumentStatus.Queued, null, 0, 0, DateTimeOffset.UtcNow, 0);
        await store.InsertAsync(info, null, default);
        var chunks = Enumerable.Range(0, 300).Select(i =>
        {
            var angle = i * Math.PI / 600;
            return new StoredChunk(i, $"p{i}", $"chunk {i}", [(float)Math.Cos(angle), (float)Math.Sin(angle), 0, 0]);
        }).ToList();
        var ids = await store.CompleteAsync("ada", "d1", chunks, 1, "text/markdown", null, default);

        var nearest = await store.SearchVectorsAsync("ada", [1, 0, 0, 0], 3, null, default);
        var stranger = await store.SearchVectorsAsync("bob", [1, 0, 0, 0], 3, null, default);

        Assert.True(await store.VectorsInDatabaseAsync());
        Assert.Equal(ids.Take(3), nearest.Select(r => r.ChunkId).Order());
        Assert.Equal(ids[0], nearest[0].ChunkId);
        Assert.Empty(stranger);
        await using var db = Factory.CreateDbContext();
        var indexes = await db.Database.SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE tablename = 'chunks'").ToListAsync();
        Assert.Contains(indexes, i => i.Contains("USING hnsw", StringComparison.Ordinal) && i.Contains("vector(4)", StringComparison.Ordinal));
        var column = await db.Database.SqlQuery<string>($"SELECT data_type AS \"Value\" FROM information_schema.columns WHERE table_name = 'chunks' AND column_name = 'embedding'").SingleAsync();
        Assert.Equal("USER-DEFINED", column);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SET enable_seqscan = off; EXPLAIN SELECT id FROM chunks WHERE vector_dims(embedding) = 4 ORDER BY embedding::vector(4) <=> '[1,0,0,0]'::vector(4) LIMIT 3";
        var plan = new StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.AppendLine(reader.GetString(0));
            }
        }

        Assert.Contains("ix_chunks_embedding_hnsw_4", plan.ToString(), StringComparison.Ordinal);
    }
}
