using System.Text.Json.Serialization;
using WorkBrain.Core.Gate;

namespace WorkBrain.Core.Events;

/// <summary>One thing that happened while a turn was answered. Serialised as JSON with a "type" discriminator
/// for the hub and the HTTP API; persisted as it arrives.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(Routed), "routed")]
[JsonDerivedType(typeof(ExpertStarted), "expert_started")]
[JsonDerivedType(typeof(TextDelta), "text_delta")]
[JsonDerivedType(typeof(ImageReady), "image_ready")]
[JsonDerivedType(typeof(AudioReady), "audio_ready")]
[JsonDerivedType(typeof(Citation), "citation")]
[JsonDerivedType(typeof(ToolCalled), "tool_called")]
[JsonDerivedType(typeof(ToolCallRequested), "tool_call_requested")]
[JsonDerivedType(typeof(ExpertUsage), "usage")]
[JsonDerivedType(typeof(ExpertProgress), "expert_progress")]
[JsonDerivedType(typeof(Transcribed), "transcribed")]
[JsonDerivedType(typeof(TextRegions), "text_regions")]
[JsonDerivedType(typeof(MediaTimeline), "media_timeline")]
[JsonDerivedType(typeof(ExpertFinished), "expert_finished")]
[JsonDerivedType(typeof(ExpertFailed), "expert_failed")]
[JsonDerivedType(typeof(Completed), "completed")]
public abstract record BrainEvent;

/// <summary>An event produced by one expert.</summary>
public abstract record ExpertEvent(string Expert) : BrainEvent;

public sealed record Routed(GateDecision Decision) : BrainEvent;

public sealed record ExpertStarted(string Expert, string Instruction) : ExpertEvent(Expert);

public sealed record TextDelta(string Expert, string Text) : ExpertEvent(Expert);

public sealed record ImageReady(string Expert, string Url, string? Caption = null) : ExpertEvent(Expert);

public sealed record AudioReady(string Expert, string Url, double DurationSeconds = 0) : ExpertEvent(Expert);

public sealed record Citation(string Expert, int Number, string Document, string Anchor, string Snippet) : ExpertEvent(Expert);

public sealed record ToolCalled(string Expert, string Tool, string Arguments, string Result) : ExpertEvent(Expert);

/// <summary>The model asks the caller to run a tool the caller declared (API clients' own tools); the caller answers
/// with the result in its next request.</summary>
public sealed record ToolCallRequested(string Expert, string CallId, string Name, string Arguments) : ExpertEvent(Expert);

/// <summary>The engine's own token count for one expert's run (MEAI <c>UsageContent</c>), and whether the model stopped
/// at its output-token limit. The runner folds it into <see cref="ExpertStats"/>; it is not passed on as an event of the
/// answer.</summary>
public sealed record ExpertUsage(string Expert, long? InputTokens, long? OutputTokens, bool HitLength = false) : ExpertEvent(Expert);

/// <summary>Progress of a long step (diffusion steps, a model download): fraction in [0,1], with a small preview image
/// (a data: URL) where the engine makes one. Transient: shown live, never stored.</summary>
public sealed record ExpertProgress(string Expert, double Fraction, string Detail, string? Preview = null) : ExpertEvent(Expert);

/// <summary>Speech in an attachment became this text; it is shown as the user's words and routed.</summary>
public sealed record Transcribed(string Expert, string Text, string Language) : ExpertEvent(Expert);

/// <summary>Text that OCR read in an attached image, each region with its four corners (x, y clockwise from the top
/// left, in pixels of an image <paramref name="Width"/> × <paramref name="Height"/>), so the chat can draw the boxes.</summary>
public sealed record TextRegions(string Expert, string ImageUrl, string FileName, int Width, int Height, IReadOnlyList<TextRegion> Regions) : ExpertEvent(Expert);

public sealed record TextRegion(IReadOnlyList<float> Corners, string Text, double Score);

/// <summary>The moments of an attached video or recording (keyframes, speech), each at its time, so the chat can show a
/// player that seeks to a moment when its timestamp is clicked.</summary>
/// <param name="Kind">"video" or "audio".</param>
public sealed record MediaTimeline(string Expert, string MediaUrl, string FileName, string Kind, double DurationSeconds, IReadOnlyList<TimelineEntry> Entries) : ExpertEvent(Expert);

/// <param name="Kind">"frame" (what a keyframe shows) or "speech" (what was said).</param>
public sealed record TimelineEntry(double StartSeconds, double? EndSeconds, string Kind, string Text);

/// <param name="Tokens">Output tokens: the engine's count when it reports usage, else the number of text pieces.</param>
/// <param name="InputTokens">Prompt tokens, when the engine reports usage.</param>
/// <param name="HitLength">The model stopped at its output-token limit (OpenAI's finish_reason "length").</param>
public sealed record ExpertStats(double ElapsedMilliseconds, double? FirstOutputMilliseconds, int? Tokens, double? TokensPerSecond, int? InputTokens = null, bool HitLength = false);

public sealed record ExpertFinished(string Expert, ExpertStats Stats) : ExpertEvent(Expert);

/// <summary>An expert failed. <paramref name="Message"/> is safe to show any user (no addresses, paths or exception
/// types; the detail is logged and shown to admins); <paramref name="Reason"/> is one of <see cref="FailureReasons"/>.</summary>
public sealed record ExpertFailed(string Expert, string Message, string? Reason = null) : ExpertEvent(Expert);

public static class FailureReasons
{
    /// <summary>The model or the expert failed before it wrote anything.</summary>
    public const string Error = "error";

    /// <summary>The overall deadline passed.</summary>
    public const string Timeout = "timeout";

    /// <summary>The answer was cut off after part of it was written.</summary>
    public const string Interrupted = "interrupted";

    /// <summary>The expert has no model configured or installed.</summary>
    public const string Unavailable = "unavailable";
}

public sealed record TurnStats(double ElapsedMilliseconds, double GateMilliseconds, int ExpertsRun, int ExpertsFailed, bool Cancelled);

public sealed record Completed(TurnStats Stats) : BrainEvent;
