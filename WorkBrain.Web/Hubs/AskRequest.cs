namespace WorkBrain.Web.Hubs;

/// <param name="SessionId">The session to continue; null starts a new one.</param>
/// <param name="Experts">Optional: answer with these experts instead of asking the gate.</param>
public sealed record AskRequest(string Text, string? SessionId = null, IReadOnlyList<string>? Experts = null);

/// <summary>The first item of an Ask stream: where the answer is stored, so a dropped client can Watch it again.</summary>
public sealed record TurnStarted(string SessionId, string UserMessageId, string MessageId);
