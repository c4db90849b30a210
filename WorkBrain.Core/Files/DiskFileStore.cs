using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Storage;

namespace WorkBrain.Core.Files;

/// <summary>Stores files as data/files/ab/abcdef….ext; ownership is a marker file per owner beside the content,
/// so a hash shared by two users' identical uploads still belongs to each of them separately.</summary>
public sealed class DiskFileStore(IOptions<StorageOptions> options) : IFileStore
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/webp"] = ".webp", ["image/gif"] = ".gif",
        ["audio/wav"] = ".wav", ["audio/mpeg"] = ".mp3", ["audio/webm"] = ".webm", ["audio/ogg"] = ".ogg", ["audio/mp4"] = ".m4a",
        ["video/mp4"] = ".mp4", ["video/webm"] = ".webm", ["application/pdf"] = ".pdf", ["text/plain"] = ".txt",
    };

    private string Root => options.Value.FilesDirectory;

    public async Task<StoredFile> SaveAsync(Stream content, string contentType, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        Directory.CreateDirectory(Root);
        var temp = Path.Combine(Root, $".upload-{Guid.NewGuid():N}");
        string id;
        long length;
        await using (var file = File.Create(temp))
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            length = file.Length;
            id = Convert.ToHexStringLower(sha.GetHashAndReset()) + Extensions.GetValueOrDefault(contentType, ".bin");
        }

        var path = ContentPath(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            File.Delete(temp);
        }
        else
        {
            File.Move(temp, path);
        }

        await File.WriteAllTextAsync(OwnerMarker(id, userId), contentType, cancellationToken);
        return new StoredFile(id, contentType, length, path);
    }

    public StoredFile? Find(string id, string userId)
    {
        if (!IsValidId(id) || string.IsNullOrEmpty(userId))
        {
            return null;
        }

        var path = ContentPath(id);
        var marker = OwnerMarker(id, userId);
        if (!File.Exists(path) || !File.Exists(marker))
        {
            return null;
        }

        return new StoredFile(id, File.ReadAllText(marker), new FileInfo(path).Length, path);
    }

    /// <summary>Ids are a lowercase sha256 and an extension, never a path the client can steer.</summary>
    internal static bool IsValidId(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        var hash = dot < 0 ? id : id[..dot];
        var ext = dot < 0 ? "" : id[(dot + 1)..];
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower) && ext.Length is > 0 and <= 5 && ext.All(char.IsAsciiLetterOrDigit);
    }

    private string ContentPath(string id) => Path.Combine(Root, id[..2], id);

    private string OwnerMarker(string id, string userId)
    {
        var owner = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)))[..32];
        return Path.Combine(Root, id[..2], $"{id}.owner-{owner}");
    }
}
