using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI.Audio;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>Over the OpenAI adapter (<c>AsISpeechToTextClient</c>): asks the server for verbose JSON with segment times and
/// hands each timed segment on as its own update, so that video understanding can place what was said.</summary>
internal sealed class TimedTranscriptionClient(ISpeechToTextClient inner) : DelegatingSpeechToTextClient(inner)
{
    public override Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetTextAsync(audioSpeechStream, Verbose(options), cancellationToken);

    public override async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        var language = SpeechUpdates.LanguageOf(response.AdditionalProperties) ?? (response.RawRepresentation as AudioTranscription)?.Language;
        var responseId = response.ResponseId ?? Guid.NewGuid().ToString("N");
        if (response.RawRepresentation is AudioTranscription { Segments.Count: > 0 } transcription)
        {
            foreach (var segment in transcription.Segments)
            {
                yield return SpeechUpdates.Segment(
                    new TranscriptSegment(segment.StartTime.TotalSeconds, segment.EndTime.TotalSeconds, segment.Text.Trim()), language, responseId, response.ModelId);
            }

            yield break;
        }

        yield return new SpeechToTextResponseUpdate(response.Text)
        {
            Kind = SpeechToTextResponseUpdateKind.TextUpdated,
            ResponseId = responseId,
            ModelId = response.ModelId,
            StartTime = response.StartTime,
            EndTime = response.EndTime,
            AdditionalProperties = new() { [SpeechUpdates.LanguageKey] = language ?? "" },
        };
    }

    private static SpeechToTextOptions Verbose(SpeechToTextOptions? options)
    {
        var verbose = options?.Clone() ?? new SpeechToTextOptions();
        verbose.RawRepresentationFactory ??= _ => new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Segment,
        };
        return verbose;
    }
}
