namespace WorkBrain.Core.Documents.Storage;

/// <summary>A row of <c>documents</c>: one user's uploaded file and its indexing state.</summary>
public sealed class DocumentEntity
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public required string Sha256 { get; set; }

    public DocumentStatus Status { get; set; }

    /// <summary>Why it failed, or notes for a ready document.</summary>
    public string? Error { get; set; }

    public int Pages { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? FileId { get; set; }
}
