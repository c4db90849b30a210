namespace WorkBrain.Core.Tools;

/// <summary>A tool and its arguments, read from a request without a text model.</summary>
public sealed record ToolIntent(string Tool, IReadOnlyDictionary<string, object?> Arguments);
