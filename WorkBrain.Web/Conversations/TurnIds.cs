namespace WorkBrain.Web.Conversations;

/// <summary>The ids of a turn chosen before it is written: its session (new or existing), the user's message and the answer.</summary>
public sealed record TurnIds(string Session, string User, string Assistant)
{
    /// <summary>New message ids, in <paramref name="sessionId"/> or a new session.</summary>
    public static TurnIds New(string? sessionId = null) => new(sessionId ?? ChatStore.NewId(), ChatStore.NewId(), ChatStore.NewId());
}
