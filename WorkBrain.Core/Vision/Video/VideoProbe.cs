namespace WorkBrain.Core.Vision.Video;

/// <summary>What ffprobe says about a video.</summary>
public sealed record VideoProbe(double DurationSeconds, int Width, int Height, bool HasVideo, bool HasAudio);
