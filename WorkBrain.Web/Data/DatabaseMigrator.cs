using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace WorkBrain.Web.Data;

/// <summary>Brings the database to the latest migration. A SQLite file made before migrations existed (tables created by
/// EnsureCreated and the old document store, no <c>__EFMigrationsHistory</c>) is adopted: its schema is checked against the
/// first migration and that migration is recorded as applied, so the later ones upgrade it in place.</summary>
internal static class DatabaseMigrator
{
    /// <summary>The DDL of the document store before migrations: a file may lack these tables if documents were never used.</summary>
    private const string LegacyDocumentTables = """
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL, file_name TEXT NOT NULL, content_type TEXT NOT NULL,
            sha256 TEXT NOT NULL, status TEXT NOT NULL, error TEXT, pages INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, file_id TEXT);
        CREATE INDEX IF NOT EXISTS ix_documents_user ON documents (user_id, sha256);
        CREATE TABLE IF NOT EXISTS chunks (
            id INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, user_id TEXT NOT NULL,
            ordinal INTEGER NOT NULL, anchor TEXT NOT NULL, text TEXT NOT NULL, embedding BLOB NULL);
        CREATE INDEX IF NOT EXISTS ix_chunks_user ON chunks (user_id);
        CREATE INDEX IF NOT EXISTS ix_chunks_document ON chunks (document_id);
        """;

    public static async Task PrepareAsync(WorkBrainDbContextFactory factory, bool migrate, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        if (!factory.Storage.IsPostgres)
        {
            if (factory.Storage.ConnectionString is not { Length: > 0 })
            {
                Directory.CreateDirectory(factory.Storage.ResolveDataDirectory());
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            await ExecuteAsync(db, "PRAGMA journal_mode=WAL;", cancellationToken);
            await AdoptPreMigrationSqliteAsync(db, cancellationToken);
        }
        else
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await EnsurePostgresHistoryTableAsync(db, cancellationToken);
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        if (!migrate)
        {
            throw new InvalidOperationException(
                $"The database needs {pending.Count} migration(s) ({string.Join(", ", pending)}): run `dotnet run --project WorkBrain.Web -- db migrate` " +
                "or set Storage:MigrateOnStart=true.");
        }

        await db.Database.MigrateAsync(cancellationToken);
    }

    /// <summary>Applied and pending migration ids, for <c>db status</c>.</summary>
    public static async Task<(IReadOnlyList<string> Applied, IReadOnlyList<string> Pending)> StatusAsync(WorkBrainDbContext db, CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        return (applied, pending);
    }

    /// <summary>Npgsql finds out whether the history table exists by reading it, which logs "Failed executing DbCommand" on
    /// an empty database (npgsql/efcore.pg#3407) and makes a first <c>db migrate</c> look failed. Creating the table first,
    /// as the first migration would, keeps that log clean.</summary>
    private static async Task EnsurePostgresHistoryTableAsync(WorkBrainDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(db, db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }
        catch (DbException) when (!cancellationToken.IsCancellationRequested)
        {
            // Another replica created it at the same moment, or the database refuses: the migration step that follows
            // creates it again or says why it cannot.
        }
    }

    private static async Task AdoptPreMigrationSqliteAsync(WorkBrainDbContext db, CancellationToken cancellationToken)
    {
        var tables = await SqliteTablesAsync(db, cancellationToken);
        if (tables.Contains(HistoryRepository.DefaultTableName) || !tables.Contains("chat_sessions"))
        {
            return;
        }

        await ExecuteAsync(db, LegacyDocumentTables, cancellationToken);
        tables = await SqliteTablesAsync(db, cancellationToken);

        var migrations = db.GetService<IMigrationsAssembly>();
        var (firstId, firstType) = migrations.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal).First();
        var first = migrations.CreateMigration(firstType, db.Database.ProviderName!);
        var problems = new List<string>();
        foreach (var entity in first.TargetModel!.GetEntityTypes())
        {
            var table = entity.GetTableName();
            if (table is null)
            {
                continue;
            }

            if (!tables.Contains(table))
            {
                problems.Add($"table {table} is missing");
                continue;
            }

            var columns = await SqliteColumnsAsync(db, table, cancellationToken);
            problems.AddRange(entity.GetProperties().Select(p => p.GetColumnName()).Where(c => !columns.Contains(c)).Select(c => $"{table}.{c} is missing"));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"The database {db.Database.GetDbConnection().DataSource} has WorkBrain tables but no migration history, and they do not match " +
                $"the first migration ({string.Join("; ", problems)}). Nothing was changed; restore it from a backup or move it aside to start afresh.");
        }

        var history = db.GetService<IHistoryRepository>();
        await ExecuteAsync(db, history.GetCreateIfNotExistsScript(), cancellationToken);
        await ExecuteAsync(db, history.GetInsertScript(new HistoryRow(firstId, ProductInfo.GetVersion())), cancellationToken);
    }

    private static async Task<HashSet<string>> SqliteTablesAsync(DbContext db, CancellationToken cancellationToken) =>
        await ReadStringsAsync(db, "SELECT name FROM sqlite_master WHERE type = 'table'", cancellationToken);

    private static async Task<HashSet<string>> SqliteColumnsAsync(DbContext db, string table, CancellationToken cancellationToken) =>
        await ReadStringsAsync(db, $"SELECT name FROM pragma_table_info('{table.Replace("'", "''", StringComparison.Ordinal)}')", cancellationToken);

    private static async Task<HashSet<string>> ReadStringsAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var names = new HashSet<string>(StringComparer.Ordinal);
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(DbContext db, string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        _ = await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
