using System.Threading.RateLimiting;

namespace WorkBrain.Web.RateLimiting;

/// <summary>Lets ASP.NET Core's rate-limiting middleware (the "per-user" policy on /v1 and uploads) take permits
/// from <see cref="IUserRateLimiter"/>, so every entry point spends the same budget.</summary>
internal sealed class UserPartitionLimiter(IUserRateLimiter limiter, string userId, TimeProvider clock) : RateLimiter
{
    private long _lastUsed = clock.GetTimestamp();

    public override TimeSpan? IdleDuration => clock.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware tries this first and then waits on AcquireAsyncCore: the budget may live in another process,
    // so only the asynchronous path asks for it.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastUsed, clock.GetTimestamp());
        var decision = await limiter.TryAcquireAsync(userId, cancellationToken);
        return decision.Allowed ? Lease.Acquired : new Lease(false, decision.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);

        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
