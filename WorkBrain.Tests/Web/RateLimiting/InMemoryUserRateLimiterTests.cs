using WorkBrain.Web.Api;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Tests.Web.RateLimiting;

public sealed class InMemoryUserRateLimiterTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private sealed class FixedOptions(RateLimitOptions value) : Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>
    {
        public RateLimitOptions CurrentValue => value;

        public RateLimitOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RateLimitOptions, string?> listener) => null;
    }

    [Fact]
    public async Task TryAcquire_CountsPerUser_AndRefillsAfterTheWindow()
    {
        var clock = new ManualClock();
        var limiter = new InMemoryUserRateLimiter(new FixedOptions(new RateLimitOptions { RequestsPerMinute = 3 }), clock);

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await limiter.TryAcquireAsync("alice")).Allowed);
        }

        clock.Now += TimeSpan.FromSeconds(20);
        var refused = await limiter.TryAcquireAsync("alice");
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.True((await limiter.TryAcquireAsync("bob")).Allowed);

        clock.Now += TimeSpan.FromSeconds(40);
        Assert.True((await limiter.TryAcquireAsync("alice")).Allowed);
    }
}
