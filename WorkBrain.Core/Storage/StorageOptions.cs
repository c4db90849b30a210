namespace WorkBrain.Core.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where the database and files live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (embedded, default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    /// <summary>The one SQLite file that holds sessions, messages, documents and chunks.</summary>
    public string SqlitePath => Path.Combine(ResolveDataDirectory(), "workbrain.db");

    public string SqliteConnectionString => ConnectionString is { Length: > 0 } cs && Provider == "sqlite"
        ? cs
        : $"Data Source={SqlitePath}";

    public string FilesDirectory => Path.Combine(ResolveDataDirectory(), "files");
}
