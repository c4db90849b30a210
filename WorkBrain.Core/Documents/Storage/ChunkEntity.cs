namespace WorkBrain.Core.Documents.Storage;

/// <summary>A row of <c>chunks</c>: one passage of a document, with its embedding when an embedding model is set
/// (a BLOB of little-endian floats on SQLite, a pgvector <c>vector</c> on PostgreSQL).</summary>
public sealed class ChunkEntity
{
    public long Id { get; init; }

    public required string DocumentId { get; init; }

    public required string UserId { get; init; }

    public int Ordinal { get; init; }

    public required string Anchor { get; init; }

    public required string Text { get; init; }

    public float[]? Embedding { get; init; }
}
