namespace WorkBrain.Web.Scale;

/// <summary>Redis shared by several web replicas (section "Redis"). Off when <see cref="Connection"/> is empty:
/// then live answers, stop requests, rate limits and Data Protection keys stay in this process, as for one replica.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. "127.0.0.1:6379" or "redis:6379,password=…".</summary>
    public string? Connection { get; set; }

    /// <summary>Prefix of every key and channel WorkBrain uses, so several installs can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "workbrain:";

    public bool Enabled => !string.IsNullOrWhiteSpace(Connection);
}
