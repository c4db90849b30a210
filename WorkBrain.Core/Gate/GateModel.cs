using WorkBrain.Core.Engines.Onnx;
using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>
/// One gate network in ONNX Runtime (one session, safe to call from many threads): tokenizes a batch of texts, runs the
/// model and returns every expert's probability in <see cref="ExpertIds.All"/> order. The trained TextCNN
/// (tokenizer "char", input input_ids) and a seed-style BERT gate (tokenizer "wordpiece", inputs input_ids,
/// attention_mask, token_type_ids) differ only in gate.json.
/// </summary>
internal sealed class GateModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly SessionUseGuard _guard;
    private readonly IGateTokenizer _tokenizer;
    private readonly int[] _outputToExpert;
    private readonly string _outputName;
    private readonly bool _hasMask;
    private readonly bool _hasTypes;
    private readonly RunOptions _runOptions = new();

    public GateModel(GateModelConfig config, OnnxSessionFactory? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config;
        if (!File.Exists(config.ModelPath))
        {
            throw new FileNotFoundException($"Gate model {config.ModelPath} not found.", config.ModelPath);
        }

        if (!File.Exists(config.VocabPath))
        {
            throw new FileNotFoundException($"Gate vocabulary {config.VocabPath} not found.", config.VocabPath);
        }

        _tokenizer = config.Tokenizer == "wordpiece"
            ? WordPieceGateTokenizer.Load(config.VocabPath, config.LowerCase)
            : CharGateTokenizer.Load(config.VocabPath);
        _outputToExpert = config.ExpertOrder().Select(ExpertIds.IndexOf).ToArray();

        // Well under a millisecond a request on one CPU thread; a GPU round trip would cost more.
        _session = (sessions ?? OnnxSessionFactory.Default).Create("gate", config.ModelPath,
            new OnnxSessionSettings { ExecutionProvider = "cpu", IntraOpThreads = 1, InterOpThreads = 1, Sequential = true });
        if (!_session.InputMetadata.ContainsKey("input_ids"))
        {
            var inputs = string.Join(", ", _session.InputMetadata.Keys);
            _session.Dispose();
            _runOptions.Dispose();
            throw new InvalidDataException($"{config.ModelPath} has no input named input_ids (it has {inputs}).");
        }

        var session = _session;
        var runOptions = _runOptions;
        _guard = new SessionUseGuard("gate", () =>
        {
            session.Dispose();
            runOptions.Dispose();
        });

        _hasMask = _session.InputMetadata.ContainsKey("attention_mask");
        _hasTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _outputName = config.Output ?? _session.OutputNames[0];
    }

    public GateModelConfig Config { get; }

    /// <summary>Probabilities for each text, <see cref="ExpertIds.All"/>.Count per text, in that order.</summary>
    public float[] Score(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        using var use = _guard.Enter();
        var n = texts.Count;
        var result = new float[n * ExpertIds.All.Count];
        if (n == 0)
        {
            return result;
        }

        var max = Config.MaxLength;
        var pool = ArrayPool<long>.Shared;
        var ids = pool.Rent(n * max);
        var lengths = new int[n];
        long[]? mask = null;
        long[]? types = null;
        try
        {
            var width = Config.PadToMaxLength ? max : 1;
            for (var i = 0; i < n; i++)
            {
                lengths[i] = _tokenizer.Encode(texts[i], ids.AsSpan(i * max, max));
                width = Math.Max(width, lengths[i]);
            }

            // Lay the rows out at the batch's width, padded.
            for (var i = 0; i < n; i++)
            {
                var row = ids.AsSpan(i * width, width);
                if (width != max && i > 0)
                {
                    ids.AsSpan(i * max, lengths[i]).CopyTo(row);
                }

                row[lengths[i]..].Fill(_tokenizer.PadId);
            }

            var shape = new long[] { n, width };
            var size = n * width;
            var inputs = new List<OrtValue>(3);
            var names = new List<string>(3);
            try
            {
                inputs.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape));
                names.Add("input_ids");
                if (_hasMask)
                {
                    mask = pool.Rent(size);
                    for (var i = 0; i < n; i++)
                    {
                        mask.AsSpan(i * width, width).Fill(0);
                        mask.AsSpan(i * width, lengths[i]).Fill(1);
                    }

                    inputs.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape));
                    names.Add("attention_mask");
                }

                if (_hasTypes)
                {
                    types = pool.Rent(size);
                    types.AsSpan(0, size).Clear();
                    inputs.Add(OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape));
                    names.Add("token_type_ids");
                }

                using var outputs = _session.Run(_runOptions, names, inputs, [_outputName]);
                var logits = outputs[0].GetTensorDataAsSpan<float>();
                var classes = _outputToExpert.Length;
                if (logits.Length != n * classes)
                {
                    throw new InvalidDataException($"The gate model returned {logits.Length} values for {n} texts and {classes} labels.");
                }

                for (var i = 0; i < n; i++)
                {
                    Activate(logits.Slice(i * classes, classes), result.AsSpan(i * ExpertIds.All.Count, ExpertIds.All.Count));
                }
            }
            finally
            {
                foreach (var input in inputs)
                {
                    input.Dispose();
                }
            }
        }
        finally
        {
            pool.Return(ids);
            if (mask is not null)
            {
                pool.Return(mask);
            }

            if (types is not null)
            {
                pool.Return(types);
            }
        }

        return result;
    }

    private void Activate(ReadOnlySpan<float> logits, Span<float> probabilities)
    {
        var softmaxMax = float.NegativeInfinity;
        var softmaxSum = 0f;
        if (Config.Activation == "softmax")
        {
            foreach (var l in logits)
            {
                softmaxMax = Math.Max(softmaxMax, l);
            }

            foreach (var l in logits)
            {
                softmaxSum += MathF.Exp(l - softmaxMax);
            }
        }

        for (var j = 0; j < logits.Length; j++)
        {
            var l = logits[j];
            probabilities[_outputToExpert[j]] = Config.Activation switch
            {
                "sigmoid" => 1f / (1f + MathF.Exp(-l)),
                "softmax" => MathF.Exp(l - softmaxMax) / softmaxSum,
                _ => l,
            };
        }
    }

    public void Dispose() => _guard.Dispose();
}
