using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Accounts;

public sealed record ApiKeyInfo(string Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

/// <summary>Per-user API keys for the /v1 API. The key is shown once when created; only its hash is kept.</summary>
public sealed class ApiKeyService(IDbContextFactory<WorkBrainDbContext> contexts, TimeProvider clock)
{
    public const string KeyPrefix = "wb-";

    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var key = KeyPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var entity = new ApiKeyEntity
        {
            Id = Guid.CreateVersion7().ToString("N"), UserId = userId, Name = string.IsNullOrWhiteSpace(name) ? "API key" : name.Trim(),
            Prefix = key[..10], Hash = Hash(key), CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return (ToInfo(entity), key);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.UserId == userId).ToListAsync(cancellationToken);
        return keys.OrderByDescending(k => k.CreatedAt).Select(ToInfo).ToList();
    }

    public async Task<bool> RevokeAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.Where(k => k.Id == id && k.UserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    /// <summary>The owner of a presented key, or null.</summary>
    public async Task<string?> FindUserAsync(string key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        // "Last used" to the minute: a busy key is not one database write per call.
        var now = clock.GetUtcNow();
        if (entity.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await contexts.WriteAsync(w => w.ApiKeys.Where(k => k.Id == entity.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken), cancellationToken);
        }

        return entity.UserId;
    }

    /// <summary>How stale "last used" may be.</summary>
    internal static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static ApiKeyInfo ToInfo(ApiKeyEntity k) => new(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt);
}
