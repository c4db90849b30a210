namespace WorkBrain.Web.Data;

public static class MessageRoles
{
    public const string User = "user";
    public const string Assistant = "assistant";
}

public static class MessageStatuses
{
    public const string Streaming = "streaming";
    public const string Complete = "complete";
    public const string Stopped = "stopped";
    public const string Failed = "failed";

    /// <summary>The answer was cut off before it finished (a model stream broke, or the server stopped mid-answer); its text
    /// so far is kept and sent as history.</summary>
    public const string Interrupted = "interrupted";
}

public sealed class ChatMessageEntity
{
    public required string Id { get; init; }

    public required string SessionId { get; init; }

    public ChatSessionEntity? Session { get; init; }

    /// <summary>Position in the session; user and assistant messages alternate.</summary>
    public int Sequence { get; init; }

    public required string Role { get; init; }

    /// <summary>The user's words, or (for an assistant message) the text it wrote, kept for history and search.</summary>
    public string Text { get; set; } = "";

    public string Status { get; set; } = MessageStatuses.Complete;

    /// <summary>The gate's decision as JSON (assistant messages).</summary>
    public string? DecisionJson { get; set; }

    /// <summary>The turn's statistics as JSON once it completed.</summary>
    public string? StatsJson { get; set; }

    /// <summary>Experts forced by the user ("re-run on"), as a comma-separated list; stored as routing feedback.</summary>
    public string? ForcedExperts { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The instance (Storage:InstanceId) that writes this answer while it streams; recovery after a crash only
    /// touches its own instance's answers.</summary>
    public string? Owner { get; init; }

    public List<MessagePartEntity> Parts { get; init; } = [];
}
