using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Engines.Onnx;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// The KV cache of one generation: each step feeds the new tokens with the previous step's present.* tensors as
/// past_key_values.* (handed over without copying) and keeps only the last position's logits. Without the cache it
/// re-runs the whole sequence each step (for checking the cached path).
/// </summary>
/// <remarks>
/// The one-token step of decoding allocates nothing of its own but the attention mask's tensor (its length grows each
/// step): the token id and its position are written into pinned one-element tensors made once, the inputs go in one
/// reused array in the order of the model's cached names, the new present.* tensors replace the old ones in place, and
/// float logits are read where ONNX Runtime wrote them. With <see cref="LocalEngineOptions.BindOutputs"/> (on the CPU)
/// the logits and present.* go into <see cref="BoundOutputs"/>' reused buffers instead of tensors ONNX Runtime allocates.
/// </remarks>
internal sealed class DecoderState : IDisposable
{
    private readonly OnnxDecoderModel _model;
    private readonly bool _useCache;
    private readonly RunOptions _run = new();
    private readonly List<int>? _all;
    private readonly float[]? _convertedLogits;
    private readonly OrtValue[] _inputs;
    private readonly int _pastAt;
    private readonly long[] _oneId = new long[1];
    private readonly long[] _onePosition = new long[1];
    private readonly OrtValue _oneIdValue;
    private readonly OrtValue _onePositionValue;
    private readonly OrtValue[] _past;
    private readonly BoundOutputs? _bound;
    private OrtValue? _logitsValue;
    private long[] _ones = new long[256];
    private int _pastLength;

    public DecoderState(OnnxDecoderModel model, bool useCache, bool bindOutputs = false)
    {
        _model = model;
        _useCache = useCache;
        _all = useCache ? null : [];
        _convertedLogits = model.LogitsElementType == TensorElementType.Float ? null : new float[model.VocabSize];
        Array.Fill(_ones, 1L);
        _pastAt = model.HasPositionIds ? 3 : 2;
        _inputs = new OrtValue[model.InputNames.Length];
        _oneIdValue = OrtValue.CreateTensorValueFromMemory(_oneId, [1, 1]);
        _onePositionValue = OrtValue.CreateTensorValueFromMemory(_onePosition, [1, 1]);
        _past = new OrtValue[model.Layers * 2];
        FillEmptyPast(_past);
        // on a GPU the buffers would be host memory: ONNX Runtime would copy the whole cache to and from the device every step
        _bound = bindOutputs && useCache && model.Device == OnnxSessionFactory.Cpu && BoundOutputs.Supports(model) ? new BoundOutputs(model) : null;
    }

    /// <summary>Time spent inside InferenceSession.Run (for measuring the loop's own overhead).</summary>
    public TimeSpan ModelTime { get; private set; }

    /// <summary>Tokens the cache holds.</summary>
    public int PastLength => _pastLength;

    /// <summary>Runs the model on one token after everything before; returns the next token's logits (valid until the next step).</summary>
    public Span<float> Step(int token) => Step(new ReadOnlySpan<int>(in token));

    /// <summary>Runs the model on <paramref name="tokens"/> after everything before; returns the next token's logits
    /// (valid until the next step).</summary>
    public Span<float> Step(scoped ReadOnlySpan<int> tokens)
    {
        if (_all is not null)
        {
            _all.AddRange(tokens);
        }

        var feed = _all is null ? tokens : CollectionsMarshal.AsSpan(_all);
        var past = _useCache ? _pastLength : 0;
        var n = feed.Length;
        var total = past + n;
        if (_ones.Length < total)
        {
            _ones = new long[Math.Max(total, _ones.Length * 2)];
            Array.Fill(_ones, 1L);
        }

        var single = n == 1;
        OrtValue ids;
        OrtValue? positions = null;
        if (single)
        {
            _oneId[0] = feed[0];
            _onePosition[0] = past;
            ids = _oneIdValue;
            positions = _model.HasPositionIds ? _onePositionValue : null;
        }
        else
        {
            var idData = new long[n];
            for (var i = 0; i < n; i++)
            {
                idData[i] = feed[i];
            }

            ids = OrtValue.CreateTensorValueFromMemory(idData, [1, n]);
            if (_model.HasPositionIds)
            {
                var positionData = new long[n];
                for (var i = 0; i < n; i++)
                {
                    positionData[i] = past + i;
                }

                positions = OrtValue.CreateTensorValueFromMemory(positionData, [1, n]);
            }
        }

        if (!_useCache)
        {
            DisposeAll(_past);
            FillEmptyPast(_past);
        }

        IReadOnlyCollection<OrtValue> results;
        using (var mask = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, _ones.AsMemory(0, total), [1, total]))
        {
            try
            {
                _inputs[0] = ids;
                _inputs[1] = mask;
                if (positions is not null)
                {
                    _inputs[2] = positions;
                }

                _past.CopyTo(_inputs, _pastAt);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                if (_bound is null)
                {
                    results = _model.Session.Run(_run, _model.InputNames, _inputs, _model.OutputNames);
                }
                else
                {
                    var outputs = _bound.For(n, total);
                    try
                    {
                        _model.Session.Run(_run, _model.InputNames, _inputs, _model.OutputNames, outputs);
                    }
                    catch
                    {
                        _bound.Release(outputs[0]);
                        DisposeAll(outputs.AsSpan(1));
                        throw;
                    }

                    results = outputs;
                }

                ModelTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
            }
            finally
            {
                if (!single)
                {
                    ids.Dispose();
                    positions?.Dispose();
                }
            }
        }

        // the outputs: logits, then present.* in the order of past_key_values.*, which they replace
        ReleaseLogits();
        var index = -1;
        foreach (var value in results)
        {
            if (index < 0)
            {
                _logitsValue = value;
            }
            else
            {
                _past[index].Dispose();
                _past[index] = value;
            }

            index++;
        }

        _pastLength = total;
        return LastLogits(_logitsValue!, n);
    }

    private Span<float> LastLogits(OrtValue logits, int n)
    {
        var vocab = _model.VocabSize;
        if (_convertedLogits is null)
        {
            return logits.GetTensorMutableDataAsSpan<float>().Slice((n - 1) * vocab, vocab);
        }

        var half = logits.GetTensorDataAsSpan<Float16>().Slice((n - 1) * vocab, vocab);
        for (var i = 0; i < vocab; i++)
        {
            _convertedLogits[i] = (float)half[i];
        }

        return _convertedLogits;
    }

    private void ReleaseLogits()
    {
        if (_logitsValue is not null)
        {
            if (_bound is null)
            {
                _logitsValue.Dispose();
            }
            else
            {
                _bound.Release(_logitsValue);
            }

            _logitsValue = null;
        }
    }

    private void FillEmptyPast(OrtValue[] past)
    {
        for (var i = 0; i < past.Length; i++)
        {
            past[i] = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, _model.KvElementType, [1, _model.KvHeads, 0, _model.HeadDim]);
        }
    }

    private static void DisposeAll(ReadOnlySpan<OrtValue> values)
    {
        foreach (var v in values)
        {
            v.Dispose();
        }
    }

    public void Dispose()
    {
        DisposeAll(_past);
        ReleaseLogits();
        _bound?.Dispose();
        _oneIdValue.Dispose();
        _onePositionValue.Dispose();
        _run.Dispose();
    }
}
