using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Conversations;

/// <summary>How streamed text is written: deltas are buffered per message and written together every
/// <see cref="FlushMilliseconds"/> or <see cref="FlushDeltas"/> deltas, and at every other event and at the end.
/// A crash loses at most that window; the rest of the answer is kept and marked interrupted.</summary>
public sealed class StreamWriteOptions
{
    public const string Section = "Storage:StreamWrites";

    [Range(1, 10_000)]
    public int FlushMilliseconds { get; set; } = 100;

    [Range(1, 100_000)]
    public int FlushDeltas { get; set; } = 64;
}
