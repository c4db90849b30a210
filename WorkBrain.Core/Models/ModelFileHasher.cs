using System.Security.Cryptography;

namespace WorkBrain.Core.Models;

/// <summary>Size and sha256 checks of model files against the manifest.</summary>
public static class ModelFileHasher
{
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>True when the manifest knows neither the size nor the checksum of the file.</summary>
    public static bool IsUnknown(ModelFile file) => file.Size <= 0 && string.IsNullOrWhiteSpace(file.Sha256);

    /// <summary>Checks one file; hashing only when <paramref name="hash"/> is set (sizes are always checked).</summary>
    public static async Task<ModelFileCheck> CheckAsync(string path, ModelFile file, bool hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return new ModelFileCheck(file.Path, ModelFileState.Missing, 0, "", $"{path} does not exist");
        }

        if (file.Size > 0 && info.Length != file.Size)
        {
            return new ModelFileCheck(file.Path, ModelFileState.SizeMismatch, info.Length, "", $"{info.Length} bytes, the manifest says {file.Size}");
        }

        if (!hash)
        {
            return new ModelFileCheck(file.Path, IsUnknown(file) || string.IsNullOrWhiteSpace(file.Sha256) ? ModelFileState.Unverified : ModelFileState.Valid, info.Length, "", "size checked");
        }

        var sha = await Sha256Async(path, cancellationToken);
        if (string.IsNullOrWhiteSpace(file.Sha256))
        {
            return new ModelFileCheck(file.Path, ModelFileState.Unverified, info.Length, sha, $"the manifest has no sha256 for this file; its sha256 is {sha}");
        }

        return string.Equals(sha, file.Sha256.Trim(), StringComparison.OrdinalIgnoreCase)
            ? new ModelFileCheck(file.Path, ModelFileState.Valid, info.Length, sha, "sha256 matches")
            : new ModelFileCheck(file.Path, ModelFileState.ChecksumMismatch, info.Length, sha, $"sha256 {sha}, the manifest says {file.Sha256}");
    }
}
