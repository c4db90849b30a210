namespace WorkBrain.Core.Files;

/// <summary>Uploaded and generated files on disk under content-hash names, each readable only by the users who own it.</summary>
public interface IFileStore
{
    Task<StoredFile> SaveAsync(Stream content, string contentType, string userId, CancellationToken cancellationToken = default);

    /// <summary>The file if <paramref name="userId"/> owns it; null otherwise (callers answer 404).</summary>
    StoredFile? Find(string id, string userId);
}
