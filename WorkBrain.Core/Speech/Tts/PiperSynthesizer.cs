using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Loaded Piper voices: a text goes to the voice of its language, and to espeak-ng (when given) for the
/// languages none of them speaks.</summary>
internal sealed class PiperSynthesizer : ISpeechSynthesizer, IDisposable
{
    private readonly string _espeakPath;
    private readonly EspeakSynthesizer? _fallback;

    private PiperSynthesizer(IReadOnlyList<PiperVoice> voices, string espeakPath, EspeakSynthesizer? fallback)
    {
        Voices = voices;
        _espeakPath = espeakPath;
        _fallback = fallback;
    }

    public IReadOnlyList<PiperVoice> Voices { get; }

    /// <summary>Loads every voice at <paramref name="paths"/> (VOICE.onnx with VOICE.onnx.json beside it).</summary>
    public static PiperSynthesizer Load(IReadOnlyList<string> paths, string espeakPath, EspeakSynthesizer? fallback, OnnxSessionFactory? sessions)
    {
        var voices = new List<PiperVoice>();
        try
        {
            foreach (var path in paths)
            {
                try
                {
                    voices.Add(PiperVoice.Load(path, sessions));
                }
                catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
                {
                    throw new ExpertException($"The Piper voice {Path.GetFileName(path)} could not be loaded: {e.Message}", e);
                }
            }
        }
        catch
        {
            voices.ForEach(v => v.Dispose());
            throw;
        }

        return new PiperSynthesizer(voices, espeakPath, fallback);
    }

    public ExpertStatus GetStatus()
    {
        var names = string.Join(", ", Voices.Select(v => v.Name));
        return Voices.Count == 0
            ? new ExpertStatus(ExpertIds.Tts, ExpertState.Ready, "espeak-ng", "CPU", "no Piper voice; espeak-ng speaks every language", "espeak-ng")
            : new ExpertStatus(ExpertIds.Tts, ExpertState.Ready, "Piper ONNX", Voices[0].Device,
                _fallback is null ? names : $"{names}; espeak-ng for other languages", Voices[0].Name);
    }

    /// <summary>The voice for this text's language, or null when none speaks it.</summary>
    public PiperVoice? VoiceFor(string text)
    {
        var chinese = ScriptRuns.ContainsChinese(text);
        return Voices.FirstOrDefault(v => v.IsChinese == chinese);
    }

    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var voice = VoiceFor(text);
        if (voice is null && _fallback is not null)
        {
            return await _fallback.SynthesizeAsync(text, cancellationToken).ConfigureAwait(false);
        }

        voice ??= Voices.Count > 0 ? Voices[0] : throw new ExpertException("No Piper voice is loaded.");
        var ipa = await voice.PhonemizeAsync(text, _espeakPath, cancellationToken).ConfigureAwait(false);
        var ids = voice.PhonemeIds(ipa);
        if (ids.Length <= 3)
        {
            throw new ExpertException("There is nothing to read aloud.");
        }

        try
        {
            return await Task.Run(() => voice.Synthesize(ids), cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException e)
        {
            throw ModelUnloaded.Error(voice.Name, e);
        }
    }

    public void Dispose()
    {
        foreach (var v in Voices)
        {
            v.Dispose();
        }
    }
}
