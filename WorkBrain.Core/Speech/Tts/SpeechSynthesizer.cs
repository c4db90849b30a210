using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>One sentence and its audio, for reading an answer aloud while it is still being written.</summary>
public sealed record SentenceAudio(int Index, string Sentence, AudioClip Audio);

/// <summary>The voice the app speaks with: the text-to-speech engine the registry selects (Engines:TextToSpeech, or the Tts
/// short keys), its audio decoded to an <see cref="AudioClip"/>.</summary>
public sealed class SpeechSynthesizer : ISpeechSynthesizer
{
    private readonly SelectedEngine<ITextToSpeechClient> _engine;

    internal SpeechSynthesizer(SelectedEngine<ITextToSpeechClient> engine)
    {
        _engine = engine;
    }

    public ExpertStatus GetStatus() => _engine.GetStatus();

    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpertException("There is nothing to read aloud.");
        }

        var client = await _engine.GetRequiredClientAsync(cancellationToken).ConfigureAwait(false);
        TextToSpeechResponse response;
        try
        {
            response = await client.GetAudioAsync(text, new TextToSpeechOptions { AudioFormat = "wav" }, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException ex)
        {
            var body = ex.GetRawResponse()?.Content.ToString() ?? ex.Message;
            throw new ExpertException($"The speech server answered {ex.Status}: {(body.Length > 300 ? body[..300] + "…" : body)}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExpertException($"The speech server could not be reached: {ex.Message}", ex);
        }

        if (response.RawRepresentation is AudioClip clip)
        {
            return clip;
        }

        var audio = response.Contents.OfType<DataContent>().FirstOrDefault()
                    ?? throw new ExpertException("The speech engine returned no audio.");
        if (audio.Data.Span.StartsWith("RIFF"u8))
        {
            return WavFile.Read(audio.Data.Span);
        }

        // Servers that ignore the WAV request (mp3, opus, …): ffmpeg decodes them.
        var temp = Path.Combine(Path.GetTempPath(), $"workbrain-tts-{Guid.NewGuid():N}.audio");
        await File.WriteAllBytesAsync(temp, audio.Data, cancellationToken).ConfigureAwait(false);
        try
        {
            return await new AudioConverter().LoadAsync(temp, 24000, 0, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Speaks each sentence as soon as the streamed text completes it, in order, while the rest still arrives.</summary>
    public async IAsyncEnumerable<SentenceAudio> SynthesizeSentencesAsync(IAsyncEnumerable<string> textDeltas, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(textDeltas);
        var splitter = new SentenceSplitter();
        var index = 0;
        await foreach (var delta in textDeltas.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            foreach (var sentence in splitter.Append(delta))
            {
                if (await SpeakAsync(index, sentence, cancellationToken).ConfigureAwait(false) is { } audio)
                {
                    index++;
                    yield return audio;
                }
            }
        }

        if (splitter.Flush() is { } last && await SpeakAsync(index, last, cancellationToken).ConfigureAwait(false) is { } tail)
        {
            yield return tail;
        }
    }

    private async Task<SentenceAudio?> SpeakAsync(int index, string sentence, CancellationToken cancellationToken)
    {
        var speakable = SpeakableText.FromMarkdown(sentence);
        if (!speakable.EnumerateRunes().Any(System.Text.Rune.IsLetterOrDigit))
        {
            return null;
        }

        return new SentenceAudio(index, sentence, await SynthesizeAsync(speakable, cancellationToken).ConfigureAwait(false));
    }
}
