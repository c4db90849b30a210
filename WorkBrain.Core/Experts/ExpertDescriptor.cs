using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Experts;

/// <summary>When an expert runs in a turn.</summary>
public enum ExpertStage
{
    /// <summary>With the other selected experts, at the same time.</summary>
    WithOthers,

    /// <summary>Before the gate, on the attachments it takes as evidence; what it transcribes becomes the turn's text (asr).</summary>
    BeforeRouting,

    /// <summary>After the experts that write text, reading what they wrote (tts).</summary>
    AfterText,
}

/// <summary>
/// An expert described once: the Brain, the gate's attachment evidence, <c>ExpertRegistry</c>, <c>/v1/models</c> and the
/// dashboard read this instead of lists of their own. Register one with <c>services.AddExpert&lt;TExpert&gt;(descriptor)</c>.
/// </summary>
/// <param name="Id">Stable id: the API's model name, the metric label, the localizer key <c>Expert.{Id}</c>.</param>
/// <param name="DisplayName">The name shown where the localizer has none for this id.</param>
public sealed record ExpertDescriptor(string Id, string DisplayName)
{
    /// <summary>The engine capability it needs (<c>EngineCapability.Text</c>, …), or null for none.</summary>
    public string? Capability { get; init; }

    /// <summary>Attachment kinds that point at this expert: a turn carrying one routes here.</summary>
    public IReadOnlyList<AttachmentKind> Evidence { get; init; } = [];

    /// <summary>How strongly such an attachment points here (0..1; 0.5 or more always selects the expert).</summary>
    public float EvidenceStrength { get; init; } = 0.7f;

    /// <summary>True when its answer is text the user reads (and tts can read aloud).</summary>
    public bool WritesText { get; init; }

    public ExpertStage Stage { get; init; } = ExpertStage.WithOthers;

    public bool RunsAfterText => Stage == ExpertStage.AfterText;

    public bool TakesEvidence(AttachmentKind kind) => Evidence.Contains(kind);
}
