using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Speech.Vad;

/// <summary>How speech probabilities become segments (the defaults follow Silero's reference settings).</summary>
public sealed class VadOptions
{
    /// <summary>A window whose probability reaches this starts or continues speech.</summary>
    [Range(0.05, 0.95)]
    public float Threshold { get; set; } = 0.5f;

    /// <summary>Speech ends when the probability stays below Threshold - 0.15 this long.</summary>
    [Range(0, 10000)]
    public int MinSilenceMilliseconds { get; set; } = 100;

    /// <summary>Shorter bursts are dropped as noise.</summary>
    [Range(0, 10000)]
    public int MinSpeechMilliseconds { get; set; } = 250;

    /// <summary>Added on both sides of each segment so word edges are not cut.</summary>
    [Range(0, 2000)]
    public int SpeechPadMilliseconds { get; set; } = 30;

    /// <summary>Longest chunk handed to the recogniser (Whisper reads 30 s at a time).</summary>
    [Range(1, 30)]
    public double MaxChunkSeconds { get; set; } = 30;
}
