namespace WorkBrain.Core.Speech.Audio;

/// <summary>Mono audio as float samples in [-1, 1] at <see cref="SampleRate"/> Hz.</summary>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    public double DurationSeconds => SampleRate <= 0 ? 0 : (double)Samples.Length / SampleRate;

    /// <summary>The loudest sample's magnitude; 0 for silence.</summary>
    public float Peak()
    {
        var peak = 0f;
        foreach (var s in Samples)
        {
            peak = Math.Max(peak, Math.Abs(s));
        }

        return peak;
    }

    public AudioClip Slice(int start, int length) => new(Samples.AsSpan(start, length).ToArray(), SampleRate);
}
