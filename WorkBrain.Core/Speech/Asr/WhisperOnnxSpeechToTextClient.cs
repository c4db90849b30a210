using WorkBrain.Core.Speech.Audio;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>The in-process ONNX Whisper (<see cref="WhisperTranscriber"/>) as an <see cref="ISpeechToTextClient"/>: one update
/// per timed segment, the detected language under <see cref="SpeechUpdates.LanguageKey"/>.</summary>
internal sealed class WhisperOnnxSpeechToTextClient(WhisperTranscriber transcriber, string modelName) : ISpeechToTextClient
{
    private readonly SpeechToTextClientMetadata _metadata = new("workbrain-whisper-onnx", null, modelName);

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        var transcript = await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        return new SpeechToTextResponse(transcript.Text)
        {
            ModelId = modelName,
            RawRepresentation = transcript,
            StartTime = transcript.Segments.Count > 0 ? TimeSpan.FromSeconds(transcript.Segments[0].StartSeconds) : null,
            EndTime = transcript.Segments.Count > 0 ? TimeSpan.FromSeconds(transcript.Segments[^1].EndSeconds) : null,
            AdditionalProperties = new() { [SpeechUpdates.LanguageKey] = transcript.Language },
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var transcript = await TranscribeAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        var responseId = Guid.NewGuid().ToString("N");
        foreach (var segment in transcript.Segments)
        {
            yield return SpeechUpdates.Segment(segment, transcript.Language, responseId, modelName);
        }
    }

    private async Task<Transcript> TranscribeAsync(Stream audio, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var language = string.IsNullOrWhiteSpace(options?.SpeechLanguage) ? null : options.SpeechLanguage;

        // A file on disk is read where it lies; anything else is written to a temporary file for ffmpeg.
        if (audio is FileStream { Name: var name } && File.Exists(name))
        {
            return await transcriber.TranscribeAsync(name, language, cancellationToken).ConfigureAwait(false);
        }

        return await TemporaryAudioFile.UseAsync(
            audio, "workbrain-asr", file => transcriber.TranscribeAsync(file, language, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // The transcriber belongs to the engine, which disposes it.
    public void Dispose()
    {
    }
}
