using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Events;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Data;

public sealed class MakeLegacyFixture
{
    [Fact]
    public async Task Make()
    {
        string dir;
        using (var app = new WorkBrainAppFactory())
        {
            dir = app.DataDirectory;
            _ = app.CreateClient();
            using var scope = app.Services.CreateScope();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
            var (user, errors) = await accounts.RegisterAsync("ada@example.com", "correct horse battery");
            Assert.Empty(errors);
            var keys = app.Services.GetRequiredService<ApiKeyService>();
            await keys.CreateAsync(user!.Id, "laptop");
            var store = app.Services.GetRequiredService<ChatStore>();
            var contexts = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WorkBrainDbContext>>();
            var session = await store.CreateSessionAsync(user.Id, "春天来了 and spring");
            for (var i = 0; i < 3; i++)
            {
                var (u, a) = await store.AddTurnAsync(user.Id, session.Id, $"question {i} 问题", [], i == 2 ? "text_generation" : null);
                var writer = new MessageEventWriter(contexts, a.Id, u.Id);
                await writer.WriteAsync(new TextDelta("text_generation", $"answer {i} "), default);
                await writer.WriteAsync(new TextDelta("text_generation", "回答"), default);
                await writer.WriteAsync(new ExpertFailed("image_generation", "no model"), default);
                await writer.WriteAsync(new Citation("document_qa", 1, "notes.txt", "p1", "snippet"), default);
                await writer.WriteAsync(new Completed(new TurnStats(1000, 1, 2, 1, false)), default);
                await writer.FinishAsync(MessageStatuses.Complete, $"answer {i} 回答");
            }

            var (u2, a2) = await store.AddTurnAsync(user.Id, session.Id, "left streaming", [], null);
            var w2 = new MessageEventWriter(contexts, a2.Id, u2.Id);
            await w2.WriteAsync(new TextDelta("text_generation", "partial answer"), default);

            var library = app.Services.GetRequiredService<DocumentLibrary>();
            var doc = await library.AddAsync(user.Id, "notes.txt", new MemoryStream("WorkBrain stores chunks. 文档问答能力。"u8.ToArray()));
            await library.WaitUntilIndexedAsync(user.Id, doc.Id);
            var docStore = app.Services.GetRequiredService<DocumentStore>();
            var info = new DocumentInfo("vecdoc", user.Id, "vec.md", "text/markdown", "abc", DocumentStatus.Queued, null, 0, 0, DateTimeOffset.UtcNow, 0);
            await docStore.InsertAsync(info, null, default);
            await docStore.CompleteAsync(user.Id, "vecdoc", [new StoredChunk(0, "p1", "vector chunk", [0.6f, 0.8f, 0f])], 1, "text/markdown", null, default);
            var target = Path.Combine(Path.GetTempPath(), "legacy-41d00d4.db");
            File.Delete(target);
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.OpenConnectionAsync();
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = $"VACUUM INTO '{target}'";
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
