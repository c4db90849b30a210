using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>One sentence and its audio, for reading an answer aloud while it is still being written.</summary>
public sealed record SentenceAudio(int Index, string Sentence, AudioClip Audio);

/// <summary>The engine the app speaks with, as Tts:Backend says: "auto" prefers a configured server, then a pulled Piper
/// voice that speaks the text's language, then espeak-ng.</summary>
public sealed class SpeechSynthesizer : ISpeechSynthesizer
{
    private readonly IOptions<TtsOptions> _options;
    private readonly EspeakSynthesizer _espeak;
    private readonly PiperSynthesizer _piper;
    private readonly RemoteSpeechSynthesizer _remote;

    internal SpeechSynthesizer(IOptions<TtsOptions> options, EspeakSynthesizer espeak, PiperSynthesizer piper, RemoteSpeechSynthesizer remote)
    {
        _options = options;
        _espeak = espeak;
        _piper = piper;
        _remote = remote;
    }

    public ExpertStatus GetStatus() => _options.Value.Backend switch
    {
        "remote" => _remote.GetStatus(),
        "piper" => _piper.GetStatus(),
        "espeak" => _espeak.GetStatus(),
        _ when _options.Value.HasRemote => _remote.GetStatus(),
        _ when _piper.AvailableVoices.Count > 0 => _piper.GetStatus() with { Detail = _piper.GetStatus().Detail + "; espeak-ng for other languages" },
        _ => _espeak.GetStatus(),
    };

    public Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ExpertException("There is nothing to read aloud.");
        }

        ISpeechSynthesizer engine = _options.Value.Backend switch
        {
            "remote" => _remote,
            "piper" => _piper,
            "espeak" => _espeak,
            _ when _options.Value.HasRemote => _remote,
            _ when _piper.VoiceFor(text) is not null => _piper,
            _ => _espeak,
        };
        return engine.SynthesizeAsync(text, cancellationToken);
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
