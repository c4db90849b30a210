using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Storage;

namespace WorkBrain.Web.Data;

/// <summary>Creates the data directory and the chat tables on start. Other stores (documents) create their own tables
/// in the same file, so "the database exists" does not mean "our tables exist".</summary>
internal sealed class DatabaseInitializer(IDbContextFactory<WorkBrainDbContext> contexts, IOptions<StorageOptions> storage) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(storage.Value.ResolveDataDirectory());
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='chat_sessions';";
            var exists = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
            if (!exists)
            {
                await creator.CreateTablesAsync(cancellationToken);
            }
        }

        // Messages left "streaming" by a process that died cannot finish any more.
        await db.Messages.Where(m => m.Status == MessageStatuses.Streaming)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, MessageStatuses.Stopped), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
