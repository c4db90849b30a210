using System.Collections.Concurrent;

namespace WorkBrain.Benchmarks.Load;

/// <summary>Milliseconds recorded from many threads; percentiles at the end.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _values = [];

    public int Count => _values.Count;

    public void Add(TimeSpan value) => _values.Add(value.TotalMilliseconds);

    public double Percentile(double p)
    {
        var sorted = _values.OrderBy(v => v).ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
