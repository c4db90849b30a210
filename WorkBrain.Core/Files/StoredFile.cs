namespace WorkBrain.Core.Files;

/// <summary>A file saved under its content hash. <see cref="Url"/> serves it to its owner only.</summary>
public sealed record StoredFile(string Id, string ContentType, long Length, string Path)
{
    public string Url => $"/files/{Id}";
}
