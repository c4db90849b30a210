using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pgvector.EntityFrameworkCore;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Storage;

namespace WorkBrain.Web.Data;

/// <summary>Makes contexts on the provider named by <c>Storage:Provider</c> (sqlite or postgres). The first asynchronous
/// request brings the schema up to date once (<see cref="DatabaseMigrator"/>), so no code path, hosted service or command
/// ever touches a database that is not migrated yet.</summary>
public sealed class WorkBrainDbContextFactory : IDbContextFactory<WorkBrainDbContext>, IDocumentDbContextFactory
{
    private readonly StorageOptions _storage;
    private readonly DbContextOptions _options;
    private readonly ILoggerFactory? _loggerFactory;
    private readonly Lock _gate = new();
    private Task? _ready;

    public WorkBrainDbContextFactory(IOptions<StorageOptions> storage, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(storage);
        _storage = storage.Value;
        Validate(_storage);
        _loggerFactory = loggerFactory;
        _options = _storage.IsPostgres ? PostgresOptions() : SqliteOptions();
        WriteLock = new DatabaseWriteLock(serialize: !_storage.IsPostgres);
    }

    public StorageOptions Storage => _storage;

    /// <summary>Taken around the writes on the answer path (turn starts, streamed answers), see <see cref="DatabaseWrites"/>.</summary>
    public DatabaseWriteLock WriteLock { get; }

    /// <summary>A context without waiting for migrations (Identity's scoped context; the migrator itself).</summary>
    public WorkBrainDbContext CreateDbContext() => _storage.IsPostgres
        ? new PostgresWorkBrainDbContext((DbContextOptions<PostgresWorkBrainDbContext>)_options)
        : new SqliteWorkBrainDbContext((DbContextOptions<SqliteWorkBrainDbContext>)_options);

    public async Task<WorkBrainDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken);
        return CreateDbContext();
    }

    async Task<DbContext> IDocumentDbContextFactory.CreateDocumentContextAsync(CancellationToken cancellationToken) =>
        await CreateDbContextAsync(cancellationToken);

    /// <summary>Migrates (or, with MigrateOnStart=false, checks) the schema once per process; a failure is retried by the next call.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_ready is null || _ready.IsFaulted || _ready.IsCanceled)
            {
                _ready = Task.Run(() => DatabaseMigrator.PrepareAsync(this, _storage.MigrateOnStart, CancellationToken.None), CancellationToken.None);
            }

            return _ready.WaitAsync(cancellationToken);
        }
    }

    private DbContextOptions SqliteOptions()
    {
        var builder = new DbContextOptionsBuilder<SqliteWorkBrainDbContext>().UseSqlite(_storage.SqliteConnectionString)
            .AddInterceptors(SqliteConnectionSetup.Instance);
        return Finish(builder).Options;
    }

    private DbContextOptions PostgresOptions()
    {
        if (_storage.ConnectionString is not { Length: > 0 } connectionString)
        {
            throw new InvalidOperationException(
                "Storage:Provider is postgres but Storage:ConnectionString is empty: set it to an Npgsql connection string, " +
                "e.g. Storage__ConnectionString=\"Host=127.0.0.1;Database=workbrain;Username=workbrain;Password=...\".");
        }

        var builder = new DbContextOptionsBuilder<PostgresWorkBrainDbContext>().UseNpgsql(connectionString, o => o.UseVector());
        return Finish(builder).Options;
    }

    private DbContextOptionsBuilder<T> Finish<T>(DbContextOptionsBuilder<T> builder)
        where T : DbContext
    {
        if (_loggerFactory is not null)
        {
            builder.UseLoggerFactory(_loggerFactory);
        }

        return builder;
    }

    /// <summary>Checks <c>Storage:Provider</c> before anything is built, with a message that says what is accepted.</summary>
    public static void Validate(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (!storage.IsPostgres && !string.Equals(storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Storage:Provider '{storage.Provider}' is not supported: use 'sqlite' (default) or 'postgres'.");
        }
    }
}
