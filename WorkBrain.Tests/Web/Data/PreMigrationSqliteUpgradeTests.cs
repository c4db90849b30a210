using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Data;

/// <summary>Fixtures/workbrain-41d00d4.db was made by the app before migrations (EnsureCreated chat schema, the hand-written
/// document tables): one user with an API key, a session of 8 messages (the last answer left "streaming"), two documents.</summary>
public sealed class PreMigrationSqliteUpgradeTests
{
    private static string Fixture => Path.Combine(AppContext.BaseDirectory, "Web", "Data", "Fixtures", "workbrain-41d00d4.db");

    [Fact]
    public async Task StartingOnAFileFromBeforeMigrations_UpgradesItInPlace_AndLosesNothing()
    {
        using var app = new WorkBrainAppFactory();
        File.Copy(Fixture, Path.Combine(app.DataDirectory, "workbrain.db"));
        _ = app.Services; // starts the host: migrations, then recovery

        var contexts = app.Services.GetRequiredService<IDbContextFactory<WorkBrainDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        var user = await db.Users.SingleAsync();
        var store = app.Services.GetRequiredService<ChatStore>();
        var session = Assert.Single(await store.ListSessionsAsync(user.Id));
        var messages = await store.LoadMessagesAsync(user.Id, session.Id);
        var library = app.Services.GetRequiredService<DocumentLibrary>();
        var documents = await library.ListAsync(user.Id);

        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal("ada@example.com", user.Email);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            Assert.True(await users.CheckPasswordAsync(await users.FindByEmailAsync("ada@example.com") ?? throw new InvalidOperationException(), "correct horse battery"));
        }

        Assert.Equal(1, await db.ApiKeys.CountAsync(k => k.UserId == user.Id));
        Assert.Equal("春天来了 and spring", session.Title);
        Assert.Equal(8, messages!.Count);
        Assert.Equal("answer 1 回答", messages[3].AnswerText);
        Assert.Equal("no model", messages[3].Sections.Single(s => s.Expert == "image_generation").Error);
        Assert.Equal("text_generation", messages[5].ForcedExperts);
        Assert.Equal(MessageStatuses.Interrupted, messages[7].Status);
        Assert.Equal("partial answer", messages[7].Text);
        Assert.Equal(["notes.txt", "vec.md"], documents.Select(d => d.FileName).Order());
        Assert.All(documents, d => Assert.Equal(DocumentStatus.Ready, d.Status));
        Assert.Contains("文档问答", (await library.SearchAsync(user.Id, "文档问答", 1))[0].Text, StringComparison.Ordinal);
        var vector = await db.Set<ChunkEntity>().Where(c => c.DocumentId == "vecdoc").Select(c => c.Embedding).SingleAsync();
        Assert.Equal([0.6f, 0.8f, 0f], vector!);
    }

    [Fact]
    public async Task AFileWhoseTablesDoNotMatch_IsRefusedWithAReason_AndLeftAsItWas()
    {
        await using var database = TestDatabase.CreateSqlite();
        Directory.CreateDirectory(database.Options.DataDirectory);
        await using (var connection = new SqliteConnection(database.Options.SqliteConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE chat_sessions (Id TEXT PRIMARY KEY, Title TEXT)";
            await command.ExecuteNonQueryAsync();
        }

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => database.CreateFactory().EnsureReadyAsync());

        Assert.Contains("chat_sessions.UserId is missing", failure.Message, StringComparison.Ordinal);
        await using var check = new SqliteConnection(database.Options.SqliteConnectionString);
        await check.OpenAsync();
        await using var tables = check.CreateCommand();
        tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = '__EFMigrationsHistory'";
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }
}
