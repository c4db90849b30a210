namespace WorkBrain.Web.RateLimiting;

/// <summary>The user's request budget is spent; the message says when to try again.</summary>
public sealed class RateLimitExceededException(TimeSpan retryAfter)
    : Exception($"Too many requests: the per-user limit is reached; try again in {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s.")
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
