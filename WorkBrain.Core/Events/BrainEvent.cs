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
[JsonDerivedType(typeof(ExpertProgress), "expert_progress")]
[JsonDerivedType(typeof(Transcribed), "transcribed")]
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

/// <summary>Progress of a long step (diffusion steps, a model download): fraction in [0,1].</summary>
public sealed record ExpertProgress(string Expert, double Fraction, string Detail) : ExpertEvent(Expert);

/// <summary>Speech in an attachment became this text; it is shown as the user's words and routed.</summary>
public sealed record Transcribed(string Expert, string Text, string Language) : ExpertEvent(Expert);

public sealed record ExpertStats(double ElapsedMilliseconds, double? FirstOutputMilliseconds, int? Tokens, double? TokensPerSecond);

public sealed record ExpertFinished(string Expert, ExpertStats Stats) : ExpertEvent(Expert);

public sealed record ExpertFailed(string Expert, string Message) : ExpertEvent(Expert);

public sealed record TurnStats(double ElapsedMilliseconds, double GateMilliseconds, int ExpertsRun, int ExpertsFailed, bool Cancelled);

public sealed record Completed(TurnStats Stats) : BrainEvent;
