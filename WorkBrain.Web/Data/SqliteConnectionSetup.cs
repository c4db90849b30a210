using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkBrain.Web.Data;

/// <summary>
/// Settings every SQLite connection gets when it opens. A writer that finds the database busy waits inside SQLite
/// (<c>busy_timeout</c>: short sleeps, retried as soon as the lock is free) instead of in Microsoft.Data.Sqlite's own
/// retry loop, which sleeps its thread 150 ms per attempt and, on a 2-core server, starves the thread pool; and commits
/// do not wait for an fsync each (<c>synchronous=NORMAL</c> with WAL: a process crash loses nothing committed, a power
/// cut may lose the last commits but never corrupts the file).
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout=30000; PRAGMA synchronous=NORMAL;";

    public static SqliteConnectionSetup Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
