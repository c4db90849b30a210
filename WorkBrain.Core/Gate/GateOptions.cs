using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Gate;

public sealed class GateOptions
{
    public const string Section = "Gate";

    /// <summary>An expert is selected when its probability is above this.</summary>
    [Range(0.0, 1.0)]
    public float Threshold { get; set; } = 0.3f;

    /// <summary>At most this many experts answer one request.</summary>
    [Range(1, 8)]
    public int MaxExperts { get; set; } = 3;
}
