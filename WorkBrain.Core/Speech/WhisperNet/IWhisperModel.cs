namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>One transcribed segment of a recording.</summary>
internal sealed record WhisperSegment(string Text, TimeSpan Start, TimeSpan End, string? Language);

/// <summary>A loaded whisper.cpp model as the client uses it: transcribes 16 kHz mono samples segment by segment, and
/// frees its native memory on dispose (which must not happen while a transcription runs).</summary>
internal interface IWhisperModel : IDisposable
{
    /// <param name="language">An ISO code, or "auto" to detect it.</param>
    /// <param name="threads">Threads for whisper.cpp; 0 for its default.</param>
    IAsyncEnumerable<WhisperSegment> TranscribeAsync(float[] samples, string language, int threads, CancellationToken cancellationToken);
}
