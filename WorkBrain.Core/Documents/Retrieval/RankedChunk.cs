namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>A retrieval result before its text is loaded: higher <paramref name="Score"/> is better (BM25 or fused RRF).</summary>
public sealed record RankedChunk(long ChunkId, string DocumentId, double Score);
