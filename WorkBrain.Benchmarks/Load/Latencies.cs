using System.Collections.Concurrent;

namespace WorkBrain.Benchmarks.Load;

/// <summary>Milliseconds recorded from many threads; percentiles at the end.</summary>
internal sealed class Latencies
{
    private readonly ConcurrentBag<double> _values = [];

    public int Count => _values.Count;

    public void Add(TimeSpan value) => _values.Add(value.TotalMilliseconds);

    public double Percentile(double p) => Percentile(_values.Order().ToArray(), p);

    /// <summary>How far the difference of two percentiles (<paramref name="a"/> minus <paramref name="b"/>) moves when
    /// both sides are resampled with replacement: the 5th and 95th of <paramref name="rounds"/> resampled differences, so a
    /// report shows how much of an "added p95" is the luck of which turns were sampled.</summary>
    public static (double Low, double High) DifferenceInterval(Latencies a, Latencies b, double p, int rounds = 400, int seed = 1)
    {
        var left = a._values.ToArray();
        var right = b._values.ToArray();
        if (left.Length == 0 || right.Length == 0)
        {
            return (double.NaN, double.NaN);
        }

        var random = new Random(seed);
        var differences = new double[rounds];
        var x = new double[left.Length];
        var y = new double[right.Length];
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                x[i] = left[random.Next(left.Length)];
            }

            for (var i = 0; i < y.Length; i++)
            {
                y[i] = right[random.Next(right.Length)];
            }

            Array.Sort(x);
            Array.Sort(y);
            differences[r] = Percentile(x, p) - Percentile(y, p);
        }

        Array.Sort(differences);
        return (Percentile(differences, 5), Percentile(differences, 95));
    }

    private static double Percentile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
