namespace WorkBrain.Web.Api.RateLimiting;

/// <summary>The one-minute windows both limiters count in: aligned to the clock so replicas agree on them.</summary>
internal static class FixedWindow
{
    public static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    public static long Number(DateTimeOffset now) => now.ToUnixTimeMilliseconds() / (long)Length.TotalMilliseconds;

    public static TimeSpan Remaining(DateTimeOffset now) =>
        TimeSpan.FromMilliseconds((Number(now) + 1) * (long)Length.TotalMilliseconds - now.ToUnixTimeMilliseconds());
}
