namespace WorkBrain.Core.Models;

/// <summary>How far a model's download has got: bytes of all its files together.</summary>
/// <param name="TotalBytes">The manifest's total size, or 0 when some file's size is not known.</param>
public sealed record ModelDownloadProgress(string Model, string File, long BytesDone, long TotalBytes)
{
    /// <summary>0–100, or null when the total is unknown.</summary>
    public double? Percent => TotalBytes > 0 ? Math.Min(100.0, 100.0 * BytesDone / TotalBytes) : null;
}
