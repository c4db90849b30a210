using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// The KV cache of one generation: each step feeds the new tokens with the previous step's present.* tensors as
/// past_key_values.* (handed over without copying) and keeps only the last position's logits. Without the cache it
/// re-runs the whole sequence each step (for checking the cached path).
/// </summary>
internal sealed class DecoderState : IDisposable
{
    private readonly OnnxDecoderModel _model;
    private readonly bool _useCache;
    private readonly RunOptions _run = new();
    private readonly List<int> _all = [];
    private readonly float[] _logits;
    private OrtValue[] _past;
    private long[] _ones = new long[256];
    private int _pastLength;

    public DecoderState(OnnxDecoderModel model, bool useCache)
    {
        _model = model;
        _useCache = useCache;
        _logits = new float[model.VocabSize];
        Array.Fill(_ones, 1L);
        _past = EmptyPast();
    }

    /// <summary>Time spent inside InferenceSession.Run (for measuring the loop's own overhead).</summary>
    public TimeSpan ModelTime { get; private set; }

    /// <summary>Tokens the cache holds.</summary>
    public int PastLength => _pastLength;

    /// <summary>Runs the model on <paramref name="tokens"/> after everything before; returns the next token's logits.</summary>
    public Span<float> Step(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        _all.AddRange(tokens);
        IReadOnlyList<int> feed = _useCache ? tokens : _all;
        var past = _useCache ? _pastLength : 0;
        var n = feed.Count;
        var total = past + n;
        if (_ones.Length < total)
        {
            _ones = new long[Math.Max(total, _ones.Length * 2)];
            Array.Fill(_ones, 1L);
        }

        var ids = new long[n];
        var positions = new long[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = feed[i];
            positions[i] = past + i;
        }

        var inputs = new List<OrtValue>(_model.InputNames.Length);
        var pastForRun = _useCache ? _past : EmptyPast();
        OrtValue[] outputs;
        try
        {
            inputs.Add(OrtValue.CreateTensorValueFromMemory(ids, [1, n]));
            inputs.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ones.AsMemory(0, total), [1, total]));
            if (_model.HasPositionIds)
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(positions, [1, n]));
            }

            inputs.AddRange(pastForRun);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // ONNX Runtime allocates the outputs itself: a caller-allocated present.* buffer would cost a copy of the whole
            // cache per step when the graph's own buffer cannot be written in place.
            var results = _model.Session.Run(_run, _model.InputNames, inputs, _model.OutputNames);
            ModelTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            outputs = [.. results];
            try
            {
                CopyLastLogits(outputs[0], n);
            }
            catch
            {
                results.Dispose();
                throw;
            }
        }
        finally
        {
            for (var i = 0; i < (_model.HasPositionIds ? 3 : 2) && i < inputs.Count; i++)
            {
                inputs[i].Dispose();
            }

            if (!_useCache)
            {
                DisposeAll(pastForRun);
            }
        }

        outputs[0].Dispose();
        if (_useCache)
        {
            DisposeAll(_past);
            _past = outputs[1..];
            _pastLength = total;
        }
        else
        {
            DisposeAll(outputs[1..]);
            _pastLength = total;
        }

        return _logits;
    }

    private void CopyLastLogits(OrtValue logits, int n)
    {
        var vocab = _model.VocabSize;
        if (_model.LogitsElementType == TensorElementType.Float16)
        {
            var half = logits.GetTensorDataAsSpan<Float16>().Slice((n - 1) * vocab, vocab);
            for (var i = 0; i < vocab; i++)
            {
                _logits[i] = (float)half[i];
            }
        }
        else
        {
            logits.GetTensorDataAsSpan<float>().Slice((n - 1) * vocab, vocab).CopyTo(_logits);
        }
    }

    private OrtValue[] EmptyPast()
    {
        var past = new OrtValue[_model.Layers * 2];
        for (var i = 0; i < past.Length; i++)
        {
            past[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _model.KvElementType, [1, _model.KvHeads, 0, _model.HeadDim]);
        }

        return past;
    }

    private static void DisposeAll(OrtValue[] values)
    {
        foreach (var v in values)
        {
            v.Dispose();
        }
    }

    public void Dispose()
    {
        DisposeAll(_past);
        _run.Dispose();
    }
}
