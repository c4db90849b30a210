using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Speech.Whisper;

/// <summary>Incremental decoding with an optimum-style cached export: the first pass (decoder_model.onnx) returns
/// present.{i}.decoder|encoder.key|value; each later token runs decoder_with_past_model.onnx with those as
/// past_key_values.*, so the encoder's keys and values are computed once per window. The tensors stay in ONNX Runtime's
/// memory between steps (no copies); dispose when the window is done.</summary>
public sealed class WhisperDecoderCache : IDisposable
{
    private readonly InferenceSession _withPast;
    private readonly DenseTensor<float> _hidden;
    private readonly IDisposableReadOnlyCollection<DisposableNamedOnnxValue> _first;
    private IDisposableReadOnlyCollection<DisposableNamedOnnxValue>? _latest;

    internal WhisperDecoderCache(InferenceSession withPast, DenseTensor<float> hidden, IDisposableReadOnlyCollection<DisposableNamedOnnxValue> first)
    {
        _withPast = withPast;
        _hidden = hidden;
        _first = first;
    }

    internal static float[] LastLogits(IReadOnlyCollection<DisposableNamedOnnxValue> results)
    {
        var logits = (results.FirstOrDefault(r => r.Name == "logits") ?? results.First()).AsTensor<float>();
        var vocab = logits.Dimensions[2];
        var rows = logits.Dimensions[1];
        var all = logits is DenseTensor<float> dense ? dense.Buffer.Span : logits.ToArray();
        return all.Slice((rows - 1) * vocab, vocab).ToArray();
    }

    /// <summary>Logits after appending <paramref name="token"/> to the sequence decoded so far.</summary>
    public float[] Next(int token)
    {
        var inputs = new List<NamedOnnxValue>();
        foreach (var name in _withPast.InputMetadata.Keys)
        {
            if (name.Contains("input_ids", StringComparison.Ordinal))
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<long>(new long[] { token }, [1, 1])));
            }
            else if (name.StartsWith("past_key_values.", StringComparison.Ordinal))
            {
                var present = "present." + name["past_key_values.".Length..];
                var source = _latest?.FirstOrDefault(r => r.Name == present) ?? _first.FirstOrDefault(r => r.Name == present)
                             ?? throw new InvalidDataException($"The first decoder pass did not return {present}.");
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, source.AsTensor<float>()));
            }
            else
            {
                inputs.Add(NamedOnnxValue.CreateFromTensor(name, _hidden));
            }
        }

        var results = _withPast.Run(inputs);
        _latest?.Dispose();
        _latest = results;
        return LastLogits(results);
    }

    public void Dispose()
    {
        _latest?.Dispose();
        _first.Dispose();
    }
}
