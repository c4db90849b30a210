using System.Runtime.CompilerServices;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Speech.Asr;

/// <summary>Speech recognition: each audio attachment of the turn becomes a <see cref="Transcribed"/> event, which the Brain
/// shows as the user's words and routes.</summary>
public sealed class AsrExpert(ISpeechTranscriber transcriber) : IExpert
{
    public string Id => ExpertIds.Asr;

    public ExpertStatus GetStatus() => transcriber.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var audio = request.Turn.Attachments.Where(a => a.Kind == AttachmentKind.Audio).ToList();
        if (audio.Count == 0)
        {
            throw new ExpertException("There is no recording to transcribe: record with the microphone button or attach an audio file.");
        }

        var status = transcriber.GetStatus();
        if (!status.IsAvailable)
        {
            throw new ExpertException($"Speech recognition is not available: {status.Detail}");
        }

        var heard = 0;
        for (var i = 0; i < audio.Count; i++)
        {
            if (audio.Count > 1)
            {
                yield return new ExpertProgress(Id, (double)i / audio.Count, $"Transcribing {audio[i].FileName}");
            }

            var transcript = await transcriber.TranscribeAsync(audio[i].StoredPath, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(transcript.Text))
            {
                continue;
            }

            heard++;
            yield return new Transcribed(Id, transcript.Text, transcript.Language);

            // A longer recording gets its transcript with timestamps beside a player; a short voice message does not.
            if (audio[i].Url is { } url && transcript.Segments.Count > 1)
            {
                yield return new MediaTimeline(Id, url, audio[i].FileName, "audio", transcript.Segments[^1].EndSeconds,
                    transcript.Segments.Select(s => new TimelineEntry(s.StartSeconds, s.EndSeconds, "speech", s.Text.Trim())).ToList());
            }
        }

        if (heard == 0)
        {
            throw new ExpertException(audio.Count == 1
                ? "No speech was found in the recording."
                : "No speech was found in the recordings.");
        }
    }
}
