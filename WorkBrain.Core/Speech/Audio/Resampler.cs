namespace WorkBrain.Core.Speech.Audio;

/// <summary>Linear-interpolation resampling, enough to join clips of different rates for playback.</summary>
public static class Resampler
{
    public static AudioClip To(AudioClip clip, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate == sampleRate || clip.Samples.Length == 0)
        {
            return clip;
        }

        var ratio = (double)clip.SampleRate / sampleRate;
        var length = (int)Math.Floor(clip.Samples.Length / ratio);
        var output = new float[length];
        for (var i = 0; i < length; i++)
        {
            var x = i * ratio;
            var j = (int)x;
            var frac = (float)(x - j);
            var a = clip.Samples[j];
            var b = j + 1 < clip.Samples.Length ? clip.Samples[j + 1] : a;
            output[i] = a + ((b - a) * frac);
        }

        return new AudioClip(output, sampleRate);
    }
}
