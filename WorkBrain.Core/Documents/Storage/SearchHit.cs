namespace WorkBrain.Core.Documents.Storage;

/// <summary>A retrieved passage with what a citation needs.</summary>
public sealed record SearchHit(long ChunkId, string DocumentId, string DocumentName, string Anchor, string Text, double Score);
