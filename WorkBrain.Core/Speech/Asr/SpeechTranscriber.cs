using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>The <see cref="ISpeechTranscriber"/> the app uses: the speech-to-text engine the registry selects
/// (Engines:SpeechToText, or the Asr short keys), its timed updates folded into one <see cref="Transcript"/>.</summary>
internal sealed class SpeechTranscriber(SelectedEngine<ISpeechToTextClient> engine, IOptions<AsrOptions> options) : ISpeechTranscriber
{
    public ExpertStatus GetStatus() => engine.GetStatus();

    public async Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audioPath);
        if (!File.Exists(audioPath))
        {
            throw new ExpertException($"The audio file {Path.GetFileName(audioPath)} does not exist.");
        }

        var client = await engine.GetRequiredClientAsync(cancellationToken).ConfigureAwait(false);
        var wanted = !string.IsNullOrWhiteSpace(language) ? language.Trim()
            : !string.IsNullOrWhiteSpace(options.Value.Language) ? options.Value.Language.Trim()
            : null;
        var segments = new List<TranscriptSegment>();
        string? spoken = null;
        try
        {
            await using var audio = File.OpenRead(audioPath);
            await foreach (var update in client.GetStreamingTextAsync(audio, new SpeechToTextOptions { SpeechLanguage = wanted }, cancellationToken).ConfigureAwait(false))
            {
                spoken ??= SpeechUpdates.LanguageOf(update.AdditionalProperties);
                var text = update.Text.Trim();
                if (text.Length > 0)
                {
                    segments.Add(new TranscriptSegment(update.StartTime?.TotalSeconds ?? 0, update.EndTime?.TotalSeconds ?? update.StartTime?.TotalSeconds ?? 0, text));
                }
            }
        }
        catch (ClientResultException ex)
        {
            throw new ExpertException($"The speech server answered {ex.Status}: {Shorten(ex.GetRawResponse()?.Content.ToString() ?? ex.Message)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExpertException($"The speech server could not be reached: {ex.Message}", ex);
        }

        var detected = spoken ?? wanted ?? "";
        return new Transcript(string.Join(WhisperTranscriber.JoinerFor(detected), segments.Select(s => s.Text)), detected, segments);
    }

    private static string Shorten(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
