using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WorkBrain.Web.Api;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Scale;

/// <summary>The per-user budget counted in Redis, one counter per user and clock-aligned minute, so /v1, uploads, the
/// hub and the chat spend one budget across every replica.</summary>
internal sealed class RedisUserRateLimiter(IConnectionMultiplexer redis, RedisOptions redisOptions, IOptionsMonitor<RateLimitOptions> options, TimeProvider clock)
    : IUserRateLimiter
{
    private static readonly long WindowMilliseconds = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    public async ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var window = now / WindowMilliseconds;
        RedisKey key = $"{redisOptions.KeyPrefix}rate:{userId}:{window.ToString(CultureInfo.InvariantCulture)}";
        var db = redis.GetDatabase();
        var count = await db.StringIncrementAsync(key);
        if (count == 1)
        {
            await db.KeyExpireAsync(key, TimeSpan.FromMilliseconds(2 * WindowMilliseconds));
        }

        return count <= options.CurrentValue.RequestsPerMinute
            ? RateLimitDecision.Allow
            : new RateLimitDecision(false, TimeSpan.FromMilliseconds((window + 1) * WindowMilliseconds - now));
    }
}
