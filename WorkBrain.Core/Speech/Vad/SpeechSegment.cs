namespace WorkBrain.Core.Speech.Vad;

/// <summary>A stretch of audio, in samples at the clip's rate.</summary>
public readonly record struct SpeechSegment(int Start, int End)
{
    public int Length => End - Start;

    public double StartSeconds(int sampleRate) => (double)Start / sampleRate;

    public double EndSeconds(int sampleRate) => (double)End / sampleRate;
}
