namespace WorkBrain.Core.Documents;

/// <summary>A document that cannot be read (corrupt, encrypted, too large, unsupported); the message is shown to the user as it is.</summary>
public sealed class DocumentException(string message, Exception? inner = null) : Exception(message, inner);
