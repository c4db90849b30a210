namespace WorkBrain.Core.Speech.Whisper;

/// <summary>A complex FFT of any length whose prime factors are small (Whisper's 400 = 2⁴·5²): recursive decimation in time,
/// one radix per level, twiddles from one table. Not thread-safe (it keeps scratch buffers).</summary>
internal sealed class MixedRadixFft
{
    private readonly int _n;
    private readonly int[] _factors;
    private readonly double[] _cos;
    private readonly double[] _sin;
    private readonly double[][] _scratchRe;
    private readonly double[][] _scratchIm;

    public MixedRadixFft(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        _n = n;
        var factors = new List<int>();
        var rest = n;
        foreach (var p in new[] { 4, 2, 3, 5, 7 })
        {
            while (rest % p == 0)
            {
                factors.Add(p);
                rest /= p;
            }
        }

        if (rest != 1)
        {
            factors.Add(rest);
        }

        _factors = [.. factors];
        _cos = new double[n];
        _sin = new double[n];
        for (var i = 0; i < n; i++)
        {
            _cos[i] = Math.Cos(2 * Math.PI * i / n);
            _sin[i] = Math.Sin(2 * Math.PI * i / n);
        }

        _scratchRe = [.. _factors.Select(_ => new double[n])];
        _scratchIm = [.. _factors.Select(_ => new double[n])];
    }

    /// <summary>X[k] = Σ x[t]·e^(-2πikt/n) for all k.</summary>
    public void Transform(ReadOnlySpan<double> inputRe, ReadOnlySpan<double> inputIm, Span<double> outputRe, Span<double> outputIm)
    {
        if (inputRe.Length < _n || inputIm.Length < _n || outputRe.Length < _n || outputIm.Length < _n)
        {
            throw new ArgumentException($"The FFT needs buffers of {_n} values.");
        }

        Recurse(inputRe, inputIm, 1, _n, outputRe, outputIm, 0);
    }

    private void Recurse(ReadOnlySpan<double> xr, ReadOnlySpan<double> xi, int stride, int m, Span<double> yr, Span<double> yi, int level)
    {
        if (m == 1)
        {
            yr[0] = xr[0];
            yi[0] = xi[0];
            return;
        }

        var p = _factors[level];
        var sub = m / p;
        for (var j = 0; j < p; j++)
        {
            Recurse(xr[(j * stride)..], xi[(j * stride)..], stride * p, sub, yr.Slice(j * sub, sub), yi.Slice(j * sub, sub), level + 1);
        }

        var tr = _scratchRe[level];
        var ti = _scratchIm[level];
        var step = _n / m;
        for (var k = 0; k < sub; k++)
        {
            for (var q = 0; q < p; q++)
            {
                var index = k + (q * sub);
                double sr = 0, si = 0;
                for (var j = 0; j < p; j++)
                {
                    var e = (int)((long)j * index * step % _n);
                    double c = _cos[e], s = _sin[e];
                    double a = yr[(j * sub) + k], b = yi[(j * sub) + k];
                    sr += (a * c) + (b * s);
                    si += (b * c) - (a * s);
                }

                tr[index] = sr;
                ti[index] = si;
            }
        }

        tr.AsSpan(0, m).CopyTo(yr);
        ti.AsSpan(0, m).CopyTo(yi);
    }
}
