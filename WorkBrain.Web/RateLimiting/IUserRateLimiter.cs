namespace WorkBrain.Web.RateLimiting;

/// <summary>One per-user request budget (<c>RateLimits:RequestsPerMinute</c>) shared by /v1, uploads, the hub and
/// the chat. The in-memory implementation suits one replica; several replicas register a shared one instead.</summary>
public interface IUserRateLimiter
{
    /// <summary>Takes one request from the user's budget; when none is left, says how long until there is.</summary>
    ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default);
}

public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
