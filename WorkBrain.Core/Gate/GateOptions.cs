using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Gate;

public sealed class GateOptions
{
    public const string Section = "Gate";

    /// <summary>An expert is selected when its probability is above this: the default for every expert that has no
    /// calibrated threshold in gate.json and no entry in <see cref="Thresholds"/>.</summary>
    [Range(0.0, 1.0)]
    public float Threshold { get; set; } = 0.3f;

    /// <summary>Per-expert thresholds that win over the model's calibrated ones (Gate:Thresholds:asr=0.4).</summary>
    public Dictionary<string, float> Thresholds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Use the per-expert thresholds chosen on the dev split and stored in gate.json (when it has them).</summary>
    public bool UseCalibratedThresholds { get; set; } = true;

    /// <summary>At most this many experts answer one request.</summary>
    [Range(1, 8)]
    public int MaxExperts { get; set; } = 3;

    /// <summary>The gate is unsure of a request when some expert's probability is this close to its threshold;
    /// with the planner in cascade mode such requests are decided by the planner.</summary>
    [Range(0.0, 1.0)]
    public float UnsureMargin { get; set; } = 0.15f;
}
