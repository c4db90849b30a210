using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Speech;

public sealed record TranscriptSegment(double StartSeconds, double EndSeconds, string Text);

public sealed record Transcript(string Text, string Language, IReadOnlyList<TranscriptSegment> Segments);

/// <summary>Speech to text over any audio file ffmpeg can read; used by the asr expert and by video understanding.</summary>
public interface ISpeechTranscriber
{
    ExpertStatus GetStatus();

    Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default);
}
