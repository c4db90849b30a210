namespace WorkBrain.Web.Conversations;

/// <summary>The session does not exist or belongs to someone else (the two look the same to the caller).</summary>
public sealed class SessionNotFoundException() : KeyNotFoundException("Session not found.");
