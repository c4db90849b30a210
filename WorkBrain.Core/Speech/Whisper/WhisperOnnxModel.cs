using WorkBrain.Core.Engines.Onnx;
using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Speech.Whisper;

/// <summary>A Whisper export in the optimum / onnx-community layout: encoder_model.onnx (input_features → last_hidden_state)
/// and decoder_model.onnx (input_ids, encoder_hidden_states → logits), in the folder or its onnx/ subfolder; with
/// decoder_with_past_model.onnx beside it, tokens after the prompt are decoded from cached keys and values.</summary>
public sealed class WhisperOnnxModel : IDisposable
{
    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;
    private readonly InferenceSession? _decoderWithPast;
    private readonly string _encoderInput;
    private readonly string _idsInput;
    private readonly string _hiddenInput;

    private WhisperOnnxModel(InferenceSession encoder, InferenceSession decoder, InferenceSession? decoderWithPast, WhisperTokenizer tokenizer, int maxTargetPositions)
    {
        _encoder = encoder;
        _decoder = decoder;
        _decoderWithPast = decoderWithPast;
        Tokenizer = tokenizer;
        MaxTargetPositions = maxTargetPositions;
        var encoderInput = encoder.InputMetadata.First();
        _encoderInput = encoderInput.Key;
        var mels = encoderInput.Value.Dimensions is [_, var m, _] && m > 0 ? m : 80;
        MelBins = mels;
        var names = decoder.InputMetadata.Keys.ToList();
        if (names.Count != 2)
        {
            throw new InvalidDataException(
                $"decoder_model.onnx has inputs {string.Join(", ", names)}; use the export without past key values (input_ids, encoder_hidden_states).");
        }

        _idsInput = names.FirstOrDefault(n => n.Contains("input_ids", StringComparison.Ordinal)) ?? names[0];
        _hiddenInput = names.First(n => n != _idsInput);
    }

    public WhisperTokenizer Tokenizer { get; }

    public int MelBins { get; }

    public int MaxTargetPositions { get; }

    /// <summary>Whether decoder_with_past_model.onnx is used (keys and values cached between tokens).</summary>
    public bool HasCache => _decoderWithPast is not null;

    /// <summary>The folder holding the two .onnx files (the model folder or its onnx/ subfolder), or null.</summary>
    public static string? FindOnnxFolder(string directory)
    {
        foreach (var candidate in new[] { directory, Path.Combine(directory, "onnx") })
        {
            if (File.Exists(Path.Combine(candidate, "encoder_model.onnx")) && File.Exists(Path.Combine(candidate, "decoder_model.onnx")))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <param name="useCache">Use decoder_with_past_model.onnx when the folder has it and decoder_model.onnx returns present.* tensors.</param>
    public static WhisperOnnxModel Load(string directory, int threads = 0, bool useCache = true, OnnxSessionFactory? sessions = null)
    {
        var onnx = FindOnnxFolder(directory)
                   ?? throw new FileNotFoundException($"No encoder_model.onnx and decoder_model.onnx in {directory} or {directory}/onnx.");
        var tokenizer = WhisperTokenizer.Load(directory);
        var maxTarget = 448;
        var config = Path.Combine(directory, "config.json");
        if (File.Exists(config))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(config));
            if (doc.RootElement.TryGetProperty("max_target_positions", out var m) && m.TryGetInt32(out var v))
            {
                maxTarget = v;
            }
        }

        sessions ??= OnnxSessionFactory.Default;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(directory));
        var options = new OnnxSessionSettings { IntraOpThreads = threads };
        var encoder = sessions.Create(name, Path.Combine(onnx, "encoder_model.onnx"), options, out var device);
        try
        {
            var decoder = sessions.Create(name, Path.Combine(onnx, "decoder_model.onnx"), options);
            var withPastPath = Path.Combine(onnx, "decoder_with_past_model.onnx");
            var cached = useCache && File.Exists(withPastPath) && decoder.OutputMetadata.Keys.Any(k => k.StartsWith("present.", StringComparison.Ordinal));
            var withPast = cached ? sessions.Create(name, withPastPath, options) : null;
            return new WhisperOnnxModel(encoder, decoder, withPast, tokenizer, maxTarget) { Device = device };
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Runs the encoder on [MelBins × 3000] features; returns last_hidden_state [1, frames, d].</summary>
    /// <summary>The device the encoder session got: "CPU" or "GPU (CUDA)".</summary>
    public string Device { get; private init; } = OnnxSessionFactory.Cpu;

    public DenseTensor<float> Encode(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var input = new DenseTensor<float>(features, [1, MelBins, LogMel.Frames]);
        using var results = _encoder.Run([NamedOnnxValue.CreateFromTensor(_encoderInput, input)]);
        var hidden = results[0].AsTensor<float>();
        return new DenseTensor<float>(hidden.ToArray(), hidden.Dimensions);
    }

    /// <summary>Logits of the token after <paramref name="tokens"/>, recomputing the whole sequence.</summary>
    public float[] NextTokenLogits(IReadOnlyList<int> tokens, DenseTensor<float> encoderHidden)
    {
        using var results = RunDecoder(tokens, encoderHidden);
        return WhisperDecoderCache.LastLogits(results);
    }

    /// <summary>Runs the prompt once and returns a cache that decodes each further token from the stored keys and values;
    /// null when the export has no decoder_with_past_model.onnx.</summary>
    public WhisperDecoderCache? StartCached(IReadOnlyList<int> tokens, DenseTensor<float> encoderHidden, out float[] logits)
    {
        logits = [];
        if (_decoderWithPast is null)
        {
            return null;
        }

        var results = RunDecoder(tokens, encoderHidden);
        logits = WhisperDecoderCache.LastLogits(results);
        return new WhisperDecoderCache(_decoderWithPast, encoderHidden, results);
    }

    private IDisposableReadOnlyCollection<DisposableNamedOnnxValue> RunDecoder(IReadOnlyList<int> tokens, DenseTensor<float> encoderHidden)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new DenseTensor<long>(tokens.Select(t => (long)t).ToArray(), [1, tokens.Count]);
        return _decoder.Run(
        [
            NamedOnnxValue.CreateFromTensor(_idsInput, ids),
            NamedOnnxValue.CreateFromTensor(_hiddenInput, encoderHidden),
        ]);
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
        _decoderWithPast?.Dispose();
    }
}
