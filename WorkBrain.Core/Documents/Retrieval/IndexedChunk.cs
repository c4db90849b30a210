namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>A chunk as the in-memory index sees it; <paramref name="Embedding"/> is unit-length or null.</summary>
public sealed record IndexedChunk(long ChunkId, string DocumentId, string Text, float[]? Embedding);
