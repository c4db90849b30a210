namespace WorkBrain.Web.Data;

/// <summary>One piece of an assistant message: an expert's text (appended to as it streams), or one event
/// (image, audio, citation, tool call, failure, stats) kept as its JSON.</summary>
public sealed class MessagePartEntity
{
    public long Id { get; init; }

    public required string MessageId { get; init; }

    public int Ordinal { get; init; }

    /// <summary>"text" for streamed text; otherwise the event's type discriminator.</summary>
    public required string Kind { get; init; }

    public required string Expert { get; init; }

    public string Content { get; set; } = "";
}
