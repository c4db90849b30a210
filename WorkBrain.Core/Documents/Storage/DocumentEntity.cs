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

    /// <summary>The replica (<c>Storage:InstanceId</c>) that holds the document's pending work (queued or indexing); null
    /// once it is done, and on rows from before leases (anyone may take those).</summary>
    public string? Owner { get; set; }

    /// <summary>Until when (Unix milliseconds) the owner's claim holds. The owner renews it while it runs; past it the
    /// claim is stale (the owner died) and another replica takes the work over.</summary>
    public long? LeaseExpires { get; set; }
}
