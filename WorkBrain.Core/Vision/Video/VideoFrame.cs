namespace WorkBrain.Core.Vision.Video;

/// <summary>A keyframe written to disk and the moment of the video it shows.</summary>
public sealed record VideoFrame(double Seconds, string Path)
{
    public string Timestamp => FormatTime(Seconds);

    public static string FormatTime(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return t.TotalHours >= 1 ? $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}" : $"{t.Minutes:00}:{t.Seconds:00}";
    }
}
