namespace WorkBrain.Web.Api.RateLimiting;

/// <summary>Whether a request may go ahead, and if not, when to try again.</summary>
public readonly record struct RateLimitVerdict(bool Allowed, TimeSpan RetryAfter);

/// <summary>The per-user request limit (<c>RateLimits:RequestsPerMinute</c>) shared by <c>/v1</c> and the hub:
/// counted in this process, or in Redis so that it holds across replicas.</summary>
public interface IUserRateLimiter
{
    /// <summary>Counts one request of <paramref name="partition"/> (a user id) in the current one-minute window.</summary>
    ValueTask<RateLimitVerdict> TryAcquireAsync(string partition, CancellationToken cancellationToken = default);
}
