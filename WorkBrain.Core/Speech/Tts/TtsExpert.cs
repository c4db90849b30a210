using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Speech synthesis: reads the text expert's answer when it ran earlier in the plan (else what the other experts
/// wrote, else the instruction); markdown is stripped, the WAV is stored for the user and announced with
/// <see cref="AudioReady"/>. Reading a text still being written, it speaks sentence by sentence, one AudioReady each, in order.</summary>
public sealed class TtsExpert(SpeechSynthesizer synthesizer, IFileStore files, IOptions<TtsOptions> options) : ITextStreamReader
{
    public string Id => ExpertIds.Tts;

    public ExpertStatus GetStatus() => synthesizer.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var others = string.Join("\n\n", request.Inputs.Values.Where(v => !string.IsNullOrWhiteSpace(v)));
        var source = request.Inputs.TryGetValue(ExpertIds.TextGeneration, out var written) && !string.IsNullOrWhiteSpace(written)
            ? written
            : others.Length > 0 ? others
            : string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        var text = SpeakableText.Limit(SpeakableText.FromMarkdown(source ?? ""), options.Value.MaxCharacters);
        if (!text.EnumerateRunes().Any(System.Text.Rune.IsLetterOrDigit))
        {
            throw new ExpertException("There is nothing to read aloud: give me the text to speak.");
        }

        var clip = await synthesizer.SynthesizeAsync(text, cancellationToken).ConfigureAwait(false);
        if (clip.Samples.Length == 0)
        {
            throw new ExpertException("The voice produced no audio for this text.");
        }

        yield return await SaveAsync(clip, request.Turn.UserId, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<BrainEvent> ReadAsync(ExpertRequest request, IAsyncEnumerable<string> text, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(text);
        var spoken = 0;
        var any = false;
        await foreach (var sentence in synthesizer.SynthesizeSentencesAsync(text, cancellationToken).ConfigureAwait(false))
        {
            if (sentence.Audio.Samples.Length == 0)
            {
                continue;
            }

            any = true;
            yield return await SaveAsync(sentence.Audio, request.Turn.UserId, cancellationToken).ConfigureAwait(false);
            spoken += sentence.Sentence.Length;
            if (spoken >= options.Value.MaxCharacters)
            {
                // Long answers are read up to the limit; the rest stays on the screen.
                yield break;
            }
        }

        if (!any)
        {
            throw new ExpertException("There was no text to read aloud.");
        }
    }

    private async Task<AudioReady> SaveAsync(AudioClip clip, string userId, CancellationToken cancellationToken)
    {
        using var wav = new MemoryStream(WavFile.Write(clip));
        var file = await files.SaveAsync(wav, "audio/wav", userId, cancellationToken).ConfigureAwait(false);
        return new AudioReady(Id, file.Url, Math.Round(clip.DurationSeconds, 2));
    }
}
