using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>One configured engine: its capability, name, type, whether the capability uses it, and its status.</summary>
public sealed record EngineRow(string Capability, string Name, string Type, bool Selected, ExpertStatus Status);
