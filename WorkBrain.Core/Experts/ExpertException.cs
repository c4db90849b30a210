namespace WorkBrain.Core.Experts;

/// <summary>An expected expert failure whose message is shown to the user as it is.</summary>
public sealed class ExpertException(string message, Exception? inner = null) : Exception(message, inner);
