using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Gate;

/// <summary>The optional planner gate: the text model writes a JSON plan; any error falls back to the trained gate.</summary>
public sealed class PlannerGateOptions
{
    public const string Section = "Gate:Planner";

    /// <summary>The planner decides every request (the trained gate only when it fails).</summary>
    public bool Enabled { get; set; }

    /// <summary>The planner decides only the requests the trained gate is unsure of (Gate:UnsureMargin), and only while
    /// a text model is available; the rest keep the fast path.</summary>
    public bool Cascade { get; set; }

    /// <summary>How long the text model may take to answer before the trained gate decides instead.</summary>
    [Range(0.1, 600)]
    public double TimeoutSeconds { get; set; } = 10;
}
