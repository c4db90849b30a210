namespace WorkBrain.Core.Turns;

public enum AttachmentKind
{
    Image,
    Audio,
    Video,
    Document,
}

/// <summary>A file the user sent with a turn, already stored on disk under a content-hash name.</summary>
public sealed record Attachment(string FileName, string ContentType, AttachmentKind Kind, string StoredPath, long Length)
{
    /// <summary>The id of the stored file (its content hash), when it came through the file store.</summary>
    public string? FileId { get; init; }

    public string? Url => FileId is null ? null : $"/files/{FileId}";
}
