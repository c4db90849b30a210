using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WorkBrain.Web.Api;

namespace WorkBrain.Web.RateLimiting;

/// <summary>A fixed one-minute window per user, in this process.</summary>
internal sealed class InMemoryUserRateLimiter(IOptionsMonitor<RateLimitOptions> options, TimeProvider clock) : IUserRateLimiter
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public ValueTask<RateLimitDecision> TryAcquireAsync(string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var now = clock.GetUtcNow();
        if (_counters.Count > 10_000)
        {
            Sweep(now);
        }

        var counter = _counters.GetOrAdd(userId, _ => new Counter());
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Count = 0;
            }

            if (counter.Count >= options.CurrentValue.RequestsPerMinute)
            {
                return ValueTask.FromResult(new RateLimitDecision(false, counter.Start + Window - now));
            }

            counter.Count++;
            return ValueTask.FromResult(RateLimitDecision.Allow);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, counter) in _counters)
        {
            if (now - counter.Start >= Window)
            {
                _counters.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Count { get; set; }
    }
}
