using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Speech.Asr;

/// <summary>The <see cref="ISpeechTranscriber"/> the app uses: the remote server or the local Whisper, as Asr:Backend says
/// ("auto" prefers a configured server).</summary>
internal sealed class SpeechTranscriber(IOptions<AsrOptions> options, WhisperTranscriber local, RemoteTranscriber remote) : ISpeechTranscriber
{
    private ISpeechTranscriber Selected =>
        BackendChoice.Resolve(options.Value.Backend, options.Value.HasRemote) == BackendChoice.Remote ? remote : local;

    public ExpertStatus GetStatus() => Selected.GetStatus();

    public Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default) =>
        Selected.TranscribeAsync(audioPath, language, cancellationToken);
}
