using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Speech.Whisper;

/// <summary>A Whisper export in the optimum / onnx-community layout: encoder_model.onnx (input_features → last_hidden_state)
/// and decoder_model.onnx without past (input_ids, encoder_hidden_states → logits), in the folder or its onnx/ subfolder.</summary>
public sealed class WhisperOnnxModel : IDisposable
{
    private readonly InferenceSession _encoder;
    private readonly InferenceSession _decoder;
    private readonly string _encoderInput;
    private readonly string _idsInput;
    private readonly string _hiddenInput;

    private WhisperOnnxModel(InferenceSession encoder, InferenceSession decoder, WhisperTokenizer tokenizer, int maxTargetPositions)
    {
        _encoder = encoder;
        _decoder = decoder;
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

    public static WhisperOnnxModel Load(string directory, int threads = 0)
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

        using var options = new SessionOptions { IntraOpNumThreads = threads, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        var encoder = new InferenceSession(Path.Combine(onnx, "encoder_model.onnx"), options);
        try
        {
            var decoder = new InferenceSession(Path.Combine(onnx, "decoder_model.onnx"), options);
            return new WhisperOnnxModel(encoder, decoder, tokenizer, maxTarget);
        }
        catch
        {
            encoder.Dispose();
            throw;
        }
    }

    /// <summary>Runs the encoder on [MelBins × 3000] features; returns last_hidden_state [1, frames, d].</summary>
    public DenseTensor<float> Encode(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var input = new DenseTensor<float>(features, [1, MelBins, LogMel.Frames]);
        using var results = _encoder.Run([NamedOnnxValue.CreateFromTensor(_encoderInput, input)]);
        var hidden = results[0].AsTensor<float>();
        return new DenseTensor<float>(hidden.ToArray(), hidden.Dimensions);
    }

    /// <summary>Logits of the token after <paramref name="tokens"/>.</summary>
    public float[] NextTokenLogits(IReadOnlyList<int> tokens, DenseTensor<float> encoderHidden)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var ids = new DenseTensor<long>(tokens.Select(t => (long)t).ToArray(), [1, tokens.Count]);
        using var results = _decoder.Run(
        [
            NamedOnnxValue.CreateFromTensor(_idsInput, ids),
            NamedOnnxValue.CreateFromTensor(_hiddenInput, encoderHidden),
        ]);
        // Exports with a cache also return present.* tensors; the logits are the output named so (or the first).
        var logits = (results.FirstOrDefault(r => r.Name == "logits") ?? results[0]).AsTensor<float>();
        var vocab = logits.Dimensions[2];
        var all = logits is DenseTensor<float> dense ? dense.Buffer.Span : logits.ToArray();
        return all.Slice((tokens.Count - 1) * vocab, vocab).ToArray();
    }

    public void Dispose()
    {
        _encoder.Dispose();
        _decoder.Dispose();
    }
}
