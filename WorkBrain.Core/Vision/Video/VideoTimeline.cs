using System.Globalization;
using System.Text;
using WorkBrain.Core.Speech;

namespace WorkBrain.Core.Vision.Video;

/// <summary>What was found in one video: keyframes with their analyses and the speech of its sound track.</summary>
public sealed record VideoTimeline(
    string Name, VideoProbe Probe, IReadOnlyList<(VideoFrame Frame, ImageAnalysis Analysis)> Keyframes, Transcript? Speech, string SoundNote)
{
    /// <summary>Keyframes (what each shows and the text read in it) and speech segments, in time order.</summary>
    public IReadOnlyList<Events.TimelineEntry> Entries()
    {
        var frames = Keyframes.Select(k => new Events.TimelineEntry(k.Frame.Seconds, null, "frame",
            k.Analysis.Text.IsEmpty ? k.Analysis.LabelSummary : $"{k.Analysis.LabelSummary} · \"{string.Join(" / ", k.Analysis.Text.LineTexts)}\""));
        var speech = Speech?.Segments.Select(s => new Events.TimelineEntry(s.StartSeconds, s.EndSeconds, "speech", s.Text.Trim())) ?? [];
        return frames.Concat(speech).OrderBy(e => e.StartSeconds).ToList();
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"**{Name}** ({VideoFrame.FormatTime(Probe.DurationSeconds)}, {Probe.Width}×{Probe.Height}, {Keyframes.Count} keyframes)\n");
        sb.Append("Keyframes:\n");
        foreach (var (frame, analysis) in Keyframes)
        {
            sb.Append(CultureInfo.InvariantCulture, $"- {frame.Timestamp} — looks like {analysis.LabelSummary}");
            if (!analysis.Text.IsEmpty)
            {
                sb.Append("; text: \"").Append(string.Join(" / ", analysis.Text.LineTexts)).Append('"');
            }

            sb.Append('\n');
        }

        if (Speech is { Segments.Count: > 0 })
        {
            sb.Append(CultureInfo.InvariantCulture, $"Speech ({Speech.Language}):\n");
            foreach (var segment in Speech.Segments)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"- {VideoFrame.FormatTime(segment.StartSeconds)}–{VideoFrame.FormatTime(segment.EndSeconds)} \"{segment.Text.Trim()}\"\n");
            }
        }
        else if (Speech is { } transcript && !string.IsNullOrWhiteSpace(transcript.Text))
        {
            sb.Append(CultureInfo.InvariantCulture, $"Speech ({transcript.Language}): \"{transcript.Text.Trim()}\"\n");
        }
        else
        {
            sb.Append("Sound: ").Append(SoundNote).Append('\n');
        }

        return sb.ToString();
    }
}
