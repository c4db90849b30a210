using WorkBrain.Core.Engines.Onnx;
using System.Text;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>A Piper (VITS) voice: VOICE.onnx with VOICE.onnx.json beside it. Text → IPA phonemes by espeak-ng with the voice's
/// espeak language → ids through phoneme_id_map ("^" first, "_" after each phoneme, "$" last) → input [1,N], input_lengths [1],
/// scales [noise, length, noise_w] (and sid for multi-speaker voices) → output audio at audio.sample_rate.</summary>
public sealed class PiperVoice : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionUseGuard _guard;
    private readonly Dictionary<int, long[]> _phonemeIds;
    private readonly float[] _scales;
    private readonly bool _hasSpeakerId;

    private PiperVoice(string name, InferenceSession session, string device, Dictionary<int, long[]> phonemeIds, int sampleRate, string espeakVoice, float[] scales)
    {
        Name = name;
        _session = session;
        _guard = new SessionUseGuard(name, session.Dispose);
        Device = device;
        _phonemeIds = phonemeIds;
        SampleRate = sampleRate;
        EspeakVoice = espeakVoice;
        _scales = scales;
        _hasSpeakerId = session.InputMetadata.ContainsKey("sid");
    }

    /// <summary>The voice's file name without .onnx.</summary>
    public string Name { get; }

    /// <summary>The device its session really got.</summary>
    public string Device { get; }

    public int SampleRate { get; }

    public string EspeakVoice { get; }

    public bool IsChinese => EspeakVoice.StartsWith("cmn", StringComparison.OrdinalIgnoreCase) || EspeakVoice.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public static PiperVoice Load(string onnxPath, OnnxSessionFactory? sessions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(onnxPath);
        var configPath = onnxPath + ".json";
        if (!File.Exists(onnxPath) || !File.Exists(configPath))
        {
            throw new FileNotFoundException($"A Piper voice needs {Path.GetFileName(onnxPath)} and {Path.GetFileName(configPath)}.", onnxPath);
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var root = doc.RootElement;
        var rate = root.GetProperty("audio").GetProperty("sample_rate").GetInt32();
        var voice = root.TryGetProperty("espeak", out var e) && e.TryGetProperty("voice", out var v) ? v.GetString() ?? "en-us" : "en-us";
        var scales = new[] { 0.667f, 1.0f, 0.8f };
        if (root.TryGetProperty("inference", out var inf))
        {
            scales[0] = inf.TryGetProperty("noise_scale", out var n) ? n.GetSingle() : scales[0];
            scales[1] = inf.TryGetProperty("length_scale", out var l) ? l.GetSingle() : scales[1];
            scales[2] = inf.TryGetProperty("noise_w", out var w) ? w.GetSingle() : scales[2];
        }

        var map = new Dictionary<int, long[]>();
        foreach (var p in root.GetProperty("phoneme_id_map").EnumerateObject())
        {
            var runes = p.Name.EnumerateRunes().ToList();
            if (runes.Count == 1)
            {
                map[runes[0].Value] = p.Value.EnumerateArray().Select(x => x.GetInt64()).ToArray();
            }
        }

        foreach (var required in new[] { '^', '_', '$' })
        {
            if (!map.ContainsKey(required))
            {
                throw new InvalidDataException($"The Piper voice's phoneme_id_map lacks '{required}'.");
            }
        }

        var name = Path.GetFileNameWithoutExtension(onnxPath);
        var session = (sessions ?? OnnxSessionFactory.Default).Create(name, onnxPath, null, out var device);
        return new PiperVoice(name, session, device, map, rate, voice, scales);
    }

    /// <summary>Phoneme ids for IPA text: BOS, then each known phoneme followed by the pad id, then EOS.</summary>
    public long[] PhonemeIds(string ipa)
    {
        ArgumentNullException.ThrowIfNull(ipa);
        var ids = new List<long>(_phonemeIds['^']);
        ids.AddRange(_phonemeIds['_']);
        foreach (var rune in ipa.EnumerateRunes())
        {
            if (_phonemeIds.TryGetValue(rune.Value, out var phoneme))
            {
                ids.AddRange(phoneme);
                ids.AddRange(_phonemeIds['_']);
            }
        }

        ids.AddRange(_phonemeIds['$']);
        return ids.ToArray();
    }

    /// <summary>The speech for <paramref name="phonemeIds"/>; a voice disposed (unloaded) meanwhile finishes this call
    /// first, and calls that start after it get an <see cref="ObjectDisposedException"/>.</summary>
    public AudioClip Synthesize(long[] phonemeIds)
    {
        ArgumentNullException.ThrowIfNull(phonemeIds);
        using var use = _guard.Enter();
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input", new DenseTensor<long>(phonemeIds, [1, phonemeIds.Length])),
            NamedOnnxValue.CreateFromTensor("input_lengths", new DenseTensor<long>(new long[] { phonemeIds.Length }, [1])),
            NamedOnnxValue.CreateFromTensor("scales", new DenseTensor<float>((float[])_scales.Clone(), [3])),
        };
        if (_hasSpeakerId)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("sid", new DenseTensor<long>(new long[] { 0 }, [1])));
        }

        using var results = _session.Run(inputs);
        return new AudioClip(results[0].AsTensor<float>().ToArray(), SampleRate);
    }

    /// <summary>IPA for text from espeak-ng with this voice's language; clauses joined with a space.</summary>
    public async Task<string> PhonemizeAsync(string text, string espeakPath, CancellationToken cancellationToken)
    {
        ProcessResult result;
        try
        {
            result = await ProcessRunner.RunAsync(espeakPath, ["-q", "--ipa", "-b", "1", "-v", EspeakVoice], Encoding.UTF8.GetBytes(text), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (FileNotFoundException e)
        {
            throw new ExpertException("Piper voices need espeak-ng for phonemes: apt-get install espeak-ng.", e);
        }

        if (result.ExitCode != 0)
        {
            throw new ExpertException($"espeak-ng could not phonemize for voice {EspeakVoice}: {result.Error.Trim()}");
        }

        var lines = Encoding.UTF8.GetString(result.Output).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines);
    }

    public void Dispose() => _guard.Dispose();
}
