using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WorkBrain.Web.Api;
using WorkBrain.Web.Api.RateLimiting;

namespace WorkBrain.Web.Scale;

/// <summary>The per-user limit counted in Redis (one counter per user and clock-aligned minute), so it holds across replicas.</summary>
internal sealed class RedisUserRateLimiter(IConnectionMultiplexer redis, RedisOptions redisOptions, IOptions<RateLimitOptions> options, TimeProvider time)
    : IUserRateLimiter
{
    public async ValueTask<RateLimitVerdict> TryAcquireAsync(string partition, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        RedisKey key = $"{redisOptions.KeyPrefix}rate:{partition}:{FixedWindow.Number(now)}";
        var db = redis.GetDatabase();
        var count = await db.StringIncrementAsync(key);
        if (count == 1)
        {
            await db.KeyExpireAsync(key, FixedWindow.Length * 2);
        }

        return new RateLimitVerdict(count <= options.Value.RequestsPerMinute, FixedWindow.Remaining(now));
    }
}
