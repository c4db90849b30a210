using Microsoft.Extensions.Options;
using Npgsql;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Support;

/// <summary>A fresh, empty database for one test: a SQLite file in a temporary folder, or a uniquely named PostgreSQL
/// database on the server named by WORKBRAIN_TEST_POSTGRES (created here, dropped on dispose).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "WORKBRAIN_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(StorageOptions options, string? postgresAdmin = null, string? postgresName = null)
    {
        Options = options;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public StorageOptions Options { get; }

    public bool IsPostgres => _postgresName is not null;

    /// <summary>Settings for <see cref="WorkBrainAppFactory"/> or a child process.</summary>
    public IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = Options.Provider,
        ["Storage:ConnectionString"] = Options.ConnectionString,
    };

    public WorkBrainDbContextFactory CreateFactory() => new(Microsoft.Extensions.Options.Options.Create(Options));

    public static Task<TestDatabase> CreateAsync(string provider) =>
        provider == "postgres" ? CreatePostgresAsync() : Task.FromResult(CreateSqlite());

    public static TestDatabase CreateSqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "workbrain-tests", "db-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return new TestDatabase(new StorageOptions { DataDirectory = directory, Provider = "sqlite" });
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = PostgresAdminConnectionString();
        var name = "wb_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var directory = Path.Combine(Path.GetTempPath(), "workbrain-tests", "db-" + name);
        Directory.CreateDirectory(directory);
        return new TestDatabase(new StorageOptions { DataDirectory = directory, Provider = "postgres", ConnectionString = builder.ConnectionString }, admin, name);
    }

    /// <summary>The test server's superuser connection string; a missing one fails the test with what to do, never skips it.</summary>
    public static string PostgresAdminConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set. The PostgreSQL tests need PostgreSQL 15 with pgvector: `apt-get install postgresql-15 " +
                "postgresql-server-dev-15 build-essential redis-server`, then `source .ci/services.sh` (builds pgvector from " +
                "../shared/vendor, starts PostgreSQL and Redis on free 127.0.0.1 ports and exports the variables), or point " +
                $"{PostgresVariable} at a superuser connection string such as \"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\".");

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        if (_postgresName is not null)
        {
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
