using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Piper voices found at Tts:PiperVoices, loaded on first use; a text goes to the voice of its language.</summary>
internal sealed class PiperSynthesizer(IOptions<TtsOptions> options, IOptions<ModelsOptions> models, OnnxSessionFactory? sessions = null) : ISpeechSynthesizer, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PiperVoice> _voices = new(StringComparer.Ordinal);

    public IReadOnlyList<string> AvailableVoices => options.Value.ResolvePiperVoices(models.Value)
        .Where(p => File.Exists(p) && File.Exists(p + ".json")).ToList();

    public ExpertStatus GetStatus()
    {
        var voices = AvailableVoices;
        return voices.Count > 0
            ? new ExpertStatus(ExpertIds.Tts, ExpertState.Ready, "Piper ONNX", "CPU", string.Join(", ", voices.Select(Path.GetFileNameWithoutExtension)),
                Path.GetFileNameWithoutExtension(voices[0]))
            : new ExpertStatus(ExpertIds.Tts, ExpertState.NotDownloaded, "Piper ONNX", "CPU",
                $"No Piper voice found: put VOICE.onnx and VOICE.onnx.json at one of {string.Join(", ", options.Value.PiperVoices)} under the models folder (Tts:PiperVoices), or set Tts:Endpoint to a /v1/audio/speech server.");
    }

    /// <summary>The voice for this text's language, or null when none is pulled.</summary>
    public PiperVoice? VoiceFor(string text)
    {
        var chinese = ScriptRuns.ContainsChinese(text);
        foreach (var path in AvailableVoices)
        {
            var voice = Load(path);
            if (voice.IsChinese == chinese)
            {
                return voice;
            }
        }

        return null;
    }

    public async Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var voice = VoiceFor(text) ?? (AvailableVoices.Count > 0 ? Load(AvailableVoices[0]) : null)
                    ?? throw new ExpertException(GetStatus().Detail);
        var ipa = await voice.PhonemizeAsync(text, options.Value.EspeakPath, cancellationToken).ConfigureAwait(false);
        var ids = voice.PhonemeIds(ipa);
        if (ids.Length <= 3)
        {
            throw new ExpertException("There is nothing to read aloud.");
        }

        return await Task.Run(() => voice.Synthesize(ids), cancellationToken).ConfigureAwait(false);
    }

    private PiperVoice Load(string path)
    {
        lock (_gate)
        {
            if (!_voices.TryGetValue(path, out var voice))
            {
                try
                {
                    voice = PiperVoice.Load(path, sessions);
                }
                catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
                {
                    throw new ExpertException($"The Piper voice {Path.GetFileName(path)} could not be loaded: {e.Message}", e);
                }

                _voices[path] = voice;
            }

            return voice;
        }
    }

    public void Dispose()
    {
        foreach (var v in _voices.Values)
        {
            v.Dispose();
        }
    }
}
