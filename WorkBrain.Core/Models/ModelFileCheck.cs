namespace WorkBrain.Core.Models;

public enum ModelFileState
{
    /// <summary>Present, and its size and sha256 match the manifest.</summary>
    Valid,

    /// <summary>Present, but the manifest gives no size/sha256 to check it against.</summary>
    Unverified,

    Missing,
    SizeMismatch,
    ChecksumMismatch,
}

/// <summary>The result of checking one file of a model against the manifest.</summary>
public sealed record ModelFileCheck(string Path, ModelFileState State, long Size, string Sha256, string Detail)
{
    public bool IsUsable => State is ModelFileState.Valid or ModelFileState.Unverified;
}
