using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>Engine type "onnx" for speech to text: a Whisper ONNX export with Silero VAD, in process, loaded on first use
/// or from /admin.</summary>
internal sealed class WhisperOnnxEngine(EngineDefinition definition, WhisperTranscriber transcriber) : IEngine<ISpeechToTextClient>, ILocalEngine, IDisposable
{
    private readonly WhisperOnnxSpeechToTextClient _client = new(transcriber, ModelNameOf(transcriber));

    public EngineDefinition Definition => definition;

    public bool InProcess => true;

    public string? ManifestEntry => null;

    public bool IsLoaded => transcriber.IsLoaded;

    public ExpertStatus GetStatus() => transcriber.GetStatus();

    public ValueTask<ISpeechToTextClient?> GetClientAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ISpeechToTextClient?>(transcriber.GetStatus().IsAvailable ? _client : null);

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (!transcriber.GetStatus().IsAvailable)
        {
            throw new ExpertException(transcriber.GetStatus().Detail);
        }

        await transcriber.LoadAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task UnloadAsync(CancellationToken cancellationToken = default) => transcriber.UnloadAsync(cancellationToken);

    private static string ModelNameOf(WhisperTranscriber transcriber) => Path.GetFileName(transcriber.ModelDirectory.TrimEnd('/'));

    public void Dispose() => transcriber.Dispose();
}
