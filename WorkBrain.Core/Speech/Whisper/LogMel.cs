using System.Numerics;

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
        var frameRe = new double[NFft];
        var zeros = new double[NFft];
        var outRe = new double[NFft];
        var outIm = new double[NFft];
        var power = new float[Bins];
        var lastNonZero = length == 0 ? -1 : pad + length - 1;
        for (var t = 0; t < Frames; t++)
        {
            var start = t * HopLength;
            if (start > lastNonZero + pad && start > 2 * pad)
            {
                // Only zero padding (and its reflection, which is zero too) is left: the spectrum is zero.
                for (var m = 0; m < MelBins; m++)
                {
                    mel[(m * Frames) + t] = 0f;
                }

                continue;
            }

            for (var n = 0; n < NFft; n++)
            {
                frameRe[n] = padded[start + n] * _window[n];
            }

            fft.Transform(frameRe, zeros, outRe, outIm);
            for (var k = 0; k < Bins; k++)
            {
                power[k] = (float)((outRe[k] * outRe[k]) + (outIm[k] * outIm[k]));
            }

            for (var m = 0; m < MelBins; m++)
            {
                mel[(m * Frames) + t] = Dot(_filters[m], power);
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

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var width = Vector<float>.Count;
        var acc = Vector<float>.Zero;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
        }

        var sum = Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
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
