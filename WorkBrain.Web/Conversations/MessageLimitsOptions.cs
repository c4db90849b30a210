using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Conversations;

/// <summary>How long one chat message may be, from the page, the hub or anywhere else a user writes one.</summary>
public sealed class MessageLimitsOptions
{
    public const string Section = "Chat";

    /// <summary>Longest message accepted, in characters (Chinese or not); longer text belongs in an attached document.</summary>
    [Range(1, 1_000_000)]
    public int MaxMessageCharacters { get; set; } = 50_000;

    /// <summary>Text pasted into the chat input at least this long becomes an attached text document instead.</summary>
    [Range(1, 1_000_000)]
    public int PasteAsDocumentCharacters { get; set; } = 10_000;

    /// <summary>SignalR receive size that carries a message of the maximum length: JSON may write a character as a
    /// six-byte \uXXXX escape, plus room for the rest of the call.</summary>
    public long ReceiveBufferBytes => (long)MaxMessageCharacters * 6 + 64 * 1024;

    /// <summary>Throws when <paramref name="text"/> is longer than allowed, with a message for the user.</summary>
    public void Check(string text)
    {
        if (text.Length > MaxMessageCharacters)
        {
            throw new MessageTooLongException(text.Length, MaxMessageCharacters);
        }
    }
}

public sealed class MessageTooLongException(int length, int limit)
    : ArgumentException($"The message is {length:N0} characters long; the limit is {limit:N0}. Attach long text as a document instead.", "text");
