using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Turns;

/// <summary>One user request: the text, its attachments, and the conversation so far.</summary>
public sealed record Turn(
    string Text,
    IReadOnlyList<Attachment> Attachments,
    string SessionId,
    string UserId,
    IReadOnlyList<ChatMessage> History)
{
    public static Turn FromText(string text, string sessionId = "test", string userId = "test") =>
        new(text, [], sessionId, userId, []);

    /// <summary>The user wants the answer read aloud: tts is added to the experts the gate chose.</summary>
    public bool ReadAloud { get; init; }

    /// <summary>The caller's own generation settings (an API request's max_tokens, temperature, top_p, stop, seed and
    /// tools); the text expert applies them within the server's limits.</summary>
    public ChatOptions? ChatOptions { get; init; }

    public bool Has(AttachmentKind kind) => Attachments.Any(a => a.Kind == kind);
}
