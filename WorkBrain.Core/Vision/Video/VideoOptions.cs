using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Vision.Video;

public sealed class VideoOptions
{
    public const string Section = "VideoUnderstanding";

    /// <summary>Folder holding the ffmpeg and ffprobe executables (Debian package ffmpeg).</summary>
    [Required]
    public string FfmpegFolder { get; set; } = "/usr/bin";

    /// <summary>Scene-change score (0–1) above which a frame becomes a keyframe.</summary>
    [Range(0.01, 1.0)]
    public double SceneThreshold { get; set; } = 0.3;

    [Range(1, 200)]
    public int MaxKeyframes { get; set; } = 12;

    /// <summary>Frames sampled evenly when scene detection finds no change after the first frame.</summary>
    [Range(1, 200)]
    public int UniformFrames { get; set; } = 6;

    [Range(1, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = 1024L * 1024 * 1024;

    [Range(1, 86400)]
    public double MaxDurationSeconds { get; set; } = 3 * 3600;

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 600;

    public string FfmpegPath => Path.Combine(FfmpegFolder, "ffmpeg");

    public string FfprobePath => Path.Combine(FfmpegFolder, "ffprobe");
}
