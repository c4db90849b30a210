using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Api.RateLimiting;

/// <summary>One process: a counter per user and one-minute window.</summary>
internal sealed class InMemoryUserRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time) : IUserRateLimiter
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public ValueTask<RateLimitVerdict> TryAcquireAsync(string partition, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var window = FixedWindow.Number(now);
        var counter = _counters.GetOrAdd(partition, _ => new Counter());
        int count;
        lock (counter)
        {
            if (counter.Window != window)
            {
                counter.Window = window;
                counter.Count = 0;
            }

            count = ++counter.Count;
        }

        if (_counters.Count > 10_000)
        {
            foreach (var (key, old) in _counters)
            {
                if (old.Window < window)
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }

        return ValueTask.FromResult(new RateLimitVerdict(count <= options.Value.RequestsPerMinute, FixedWindow.Remaining(now)));
    }

    private sealed class Counter
    {
        public long Window { get; set; } = -1;

        public int Count { get; set; }
    }
}
