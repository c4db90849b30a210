namespace WorkBrain.Core.ImageGeneration;

/// <summary>Standard normal numbers from a seeded generator: the same seed gives the same noise.</summary>
public sealed class GaussianNoise(long seed)
{
    private readonly Random _random = new(unchecked((int)(seed ^ (seed >> 32))));
    private double? _spare;

    public float Next()
    {
        if (_spare is { } s)
        {
            _spare = null;
            return (float)s;
        }

        double u;
        double v;
        double r;
        do
        {
            u = (_random.NextDouble() * 2) - 1;
            v = (_random.NextDouble() * 2) - 1;
            r = (u * u) + (v * v);
        }
        while (r is >= 1 or 0);

        var factor = Math.Sqrt(-2 * Math.Log(r) / r);
        _spare = v * factor;
        return (float)(u * factor);
    }

    public void Fill(Span<float> destination, double scale = 1)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = (float)(Next() * scale);
        }
    }
}
