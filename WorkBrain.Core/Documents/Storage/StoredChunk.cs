namespace WorkBrain.Core.Documents.Storage;

internal sealed record StoredChunk(int Ordinal, string Anchor, string Text, float[]? Embedding);
