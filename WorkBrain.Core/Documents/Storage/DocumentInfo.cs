namespace WorkBrain.Core.Documents.Storage;

/// <summary>One user's document as the UI shows it. <paramref name="Message"/> is the failure for <see cref="DocumentStatus.Failed"/>,
/// or notes for a ready one (e.g. "page 3 has no text layer (OCR not available)"). <paramref name="Progress"/> is in [0,1].</summary>
public sealed record DocumentInfo(
    string Id,
    string UserId,
    string FileName,
    string ContentType,
    string Sha256,
    DocumentStatus Status,
    string? Message,
    int Pages,
    int Chunks,
    DateTimeOffset CreatedAt,
    double Progress);
