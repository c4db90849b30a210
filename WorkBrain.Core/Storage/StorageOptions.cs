namespace WorkBrain.Core.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where the database and files live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (embedded, default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The database: a SQLite connection string (default: the file under the data directory) or, with
    /// "postgres", an Npgsql one such as <c>Host=db;Database=workbrain;Username=workbrain;Password=...</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up; when false the app refuses to start on an old schema and
    /// <c>db migrate</c> applies them.</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Names this process in the answers it writes, so that recovery at start-up marks only its own unfinished
    /// answers "interrupted" (replicas sharing one database need distinct ids).</summary>
    public string InstanceId { get; set; } = Environment.MachineName;

    public bool IsPostgres => string.Equals(Provider, "postgres", StringComparison.OrdinalIgnoreCase)
                              || string.Equals(Provider, "postgresql", StringComparison.OrdinalIgnoreCase);

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    /// <summary>The one SQLite file that holds sessions, messages, documents and chunks.</summary>
    public string SqlitePath => Path.Combine(ResolveDataDirectory(), "workbrain.db");

    public string SqliteConnectionString => ConnectionString is { Length: > 0 } cs && !IsPostgres
        ? cs
        : $"Data Source={SqlitePath}";

    public string FilesDirectory => Path.Combine(ResolveDataDirectory(), "files");
}
