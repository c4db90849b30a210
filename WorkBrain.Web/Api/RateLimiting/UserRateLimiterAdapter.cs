using System.Threading.RateLimiting;

namespace WorkBrain.Web.Api.RateLimiting;

/// <summary>One user's partition of <see cref="IUserRateLimiter"/> as an ASP.NET Core <see cref="RateLimiter"/>, for the
/// rate-limiting middleware. The count may live in Redis, so nothing is decided synchronously: the middleware then
/// asks <see cref="AcquireAsyncCore"/>.</summary>
internal sealed class UserRateLimiterAdapter(IUserRateLimiter limiter, string partition) : RateLimiter
{
    public override TimeSpan? IdleDuration => TimeSpan.Zero;

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Lease(permitCount == 0, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (permitCount == 0)
        {
            return new Lease(true, null);
        }

        var verdict = await limiter.TryAcquireAsync(partition, cancellationToken);
        return new Lease(verdict.Allowed, verdict.Allowed ? null : verdict.RetryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }
}
