namespace WorkBrain.Core.Speech.Whisper;

/// <summary>Whisper's input features: a 30 s window of 16 kHz audio (zero-padded or trimmed), short-time power spectrum
/// (n_fft 400 by a mixed-radix FFT, hop 160, periodic Hann window, reflect padding as torch.stft with center=True, last frame dropped),
/// a Slaney-scale Slaney-normalised mel filterbank as librosa builds it, log10 clamped to 8 below the maximum, then (x+4)/4.</summary>
public sealed class LogMel
{
    public const int SampleRate = 16000;
    public const int NFft = 400;
    public const int HopLength = 160;
    public const int Frames = 3000;
    public const int ChunkSamples = Frames * HopLength;
    private const int Bins = (NFft / 2) + 1;

    private readonly double[] _window;
    private readonly float[][] _filters;
    private readonly (int From, int To)[] _ranges;

    public LogMel(int melBins = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(melBins, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(melBins, 256);
        MelBins = melBins;
        _window = new double[NFft];
        for (var n = 0; n < NFft; n++)
        {
            _window[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / NFft));
        }

        _filters = MelFilterBank(melBins);
        _ranges = _filters.Select(f => (Math.Max(0, Array.FindIndex(f, w => w > 0)), Array.FindLastIndex(f, w => w > 0) + 1)).ToArray();
    }

    public int MelBins { get; }

    /// <summary>Features laid out [mel, frame] (MelBins × 3000), as the encoder's input_features [1, MelBins, 3000].
    /// Thread-safe: each call has its own FFT buffers.</summary>
    public float[] Compute(ReadOnlySpan<float> audio)
    {
        var length = Math.Min(audio.Length, ChunkSamples);
        var pad = NFft / 2;
        var padded = new float[ChunkSamples + (2 * pad)];
        audio[..length].CopyTo(padded.AsSpan(pad));
        for (var i = 1; i <= pad; i++)
        {
            padded[pad - i] = padded[pad + i];
            padded[pad + ChunkSamples - 1 + i] = padded[pad + ChunkSamples - 1 - i];
        }

        var mel = new float[MelBins * Frames];
        var fft = new MixedRadixFft(NFft);
        var inRe = new double[NFft];
        var inIm = new double[NFft];
        var outRe = new double[NFft];
        var outIm = new double[NFft];
        var power = new float[Bins];
        var powerNext = new float[Bins];
        var lastNonZero = length == 0 ? -1 : pad + length - 1;

        // Two real frames per complex FFT: frame t in the real part, frame t+1 in the imaginary part.
        for (var t = 0; t < Frames; t += 2)
        {
            var hasNext = t + 1 < Frames;
            if (IsSilent(t, lastNonZero, pad) && (!hasNext || IsSilent(t + 1, lastNonZero, pad)))
            {
                continue; // Only zero padding is left: the mel energies stay 0 (log10 clamps them to 1e-10).
            }

            for (var n = 0; n < NFft; n++)
            {
                inRe[n] = padded[(t * HopLength) + n] * _window[n];
                inIm[n] = hasNext ? padded[((t + 1) * HopLength) + n] * _window[n] : 0;
            }

            fft.Transform(inRe, inIm, outRe, outIm);
            for (var k = 0; k < Bins; k++)
            {
                var mirror = (NFft - k) % NFft;
                double zr = outRe[k], zi = outIm[k], wr = outRe[mirror], wi = outIm[mirror];
                double ar = (zr + wr) / 2, ai = (zi - wi) / 2; // X_t[k] = (Z[k] + conj Z[n-k]) / 2
                double br = (zi + wi) / 2, bi = (wr - zr) / 2; // X_t+1[k] = (Z[k] - conj Z[n-k]) / 2i
                power[k] = (float)((ar * ar) + (ai * ai));
                powerNext[k] = (float)((br * br) + (bi * bi));
            }

            ApplyFilters(power, mel, t);
            if (hasNext)
            {
                ApplyFilters(powerNext, mel, t + 1);
            }
        }

        var max = float.MinValue;
        for (var i = 0; i < mel.Length; i++)
        {
            mel[i] = MathF.Log10(Math.Max(mel[i], 1e-10f));
            max = Math.Max(max, mel[i]);
        }

        for (var i = 0; i < mel.Length; i++)
        {
            mel[i] = (Math.Max(mel[i], max - 8f) + 4f) / 4f;
        }

        return mel;
    }

    private static bool IsSilent(int frame, int lastNonZero, int pad)
    {
        var start = frame * HopLength;
        return start > lastNonZero + pad && start > 2 * pad;
    }

    private void ApplyFilters(float[] power, float[] mel, int frame)
    {
        for (var m = 0; m < MelBins; m++)
        {
            var (from, to) = _ranges[m];
            var weights = _filters[m];
            var sum = 0f;
            for (var k = from; k < to; k++)
            {
                sum += weights[k] * power[k];
            }

            mel[(m * Frames) + frame] = sum;
        }
    }

    /// <summary>librosa.filters.mel(sr=16000, n_fft=400, n_mels, htk=False, norm="slaney").</summary>
    internal static float[][] MelFilterBank(int melBins)
    {
        var fftFrequencies = Enumerable.Range(0, Bins).Select(k => (double)k * SampleRate / NFft).ToArray();
        var minMel = HzToMel(0);
        var maxMel = HzToMel(SampleRate / 2.0);
        var points = Enumerable.Range(0, melBins + 2)
            .Select(i => MelToHz(minMel + ((maxMel - minMel) * i / (melBins + 1))))
            .ToArray();
        var filters = new float[melBins][];
        for (var m = 0; m < melBins; m++)
        {
            filters[m] = new float[Bins];
            var lowerWidth = points[m + 1] - points[m];
            var upperWidth = points[m + 2] - points[m + 1];
            var norm = 2.0 / (points[m + 2] - points[m]);
            for (var k = 0; k < Bins; k++)
            {
                var lower = (fftFrequencies[k] - points[m]) / lowerWidth;
                var upper = (points[m + 2] - fftFrequencies[k]) / upperWidth;
                filters[m][k] = (float)(Math.Max(0, Math.Min(lower, upper)) * norm);
            }
        }

        return filters;
    }

    private const double LinearStep = 200.0 / 3;
    private const double LogStartHz = 1000.0;
    private const double LogStartMel = LogStartHz / LinearStep;
    private static readonly double LogStep = Math.Log(6.4) / 27.0;

    private static double HzToMel(double hz) =>
        hz < LogStartHz ? hz / LinearStep : LogStartMel + (Math.Log(hz / LogStartHz) / LogStep);

    private static double MelToHz(double mel) =>
        mel < LogStartMel ? mel * LinearStep : LogStartHz * Math.Exp(LogStep * (mel - LogStartMel));
}
