namespace WorkBrain.Core.Tools;

/// <summary>A calculator expression that cannot be evaluated; the message says why, in words a user can act on.</summary>
public sealed class ExpressionException(string message) : Exception(message);
