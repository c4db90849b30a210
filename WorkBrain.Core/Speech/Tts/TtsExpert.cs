using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Speech synthesis: reads the text expert's answer when it ran earlier in the plan, else the instruction;
/// markdown is stripped, the WAV is stored for the user and announced with <see cref="AudioReady"/>.</summary>
public sealed class TtsExpert(SpeechSynthesizer synthesizer, IFileStore files, IOptions<TtsOptions> options) : IExpert
{
    public string Id => ExpertIds.Tts;

    public ExpertStatus GetStatus() => synthesizer.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = request.Inputs.TryGetValue(ExpertIds.TextGeneration, out var written) && !string.IsNullOrWhiteSpace(written)
            ? written
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

        using var wav = new MemoryStream(WavFile.Write(clip));
        var file = await files.SaveAsync(wav, "audio/wav", request.Turn.UserId, cancellationToken).ConfigureAwait(false);
        yield return new AudioReady(Id, file.Url, Math.Round(clip.DurationSeconds, 2));
    }
}
