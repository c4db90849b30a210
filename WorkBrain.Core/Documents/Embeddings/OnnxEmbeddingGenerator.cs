using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>A BERT-style sentence embedding model in ONNX (bge-small-zh-v1.5 layout: model.onnx taking input_ids,
/// attention_mask and optionally token_type_ids, giving last_hidden_state; a WordPiece vocab.txt), pooled by [CLS] or
/// by the attention-masked mean, and normalised to unit length.</summary>
public sealed class OnnxEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly InferenceSession _session;
    private readonly SessionUseGuard _guard;
    private readonly BertTokenizer _tokenizer;
    private readonly bool _meanPooling;
    private readonly int _maxTokens;
    private readonly bool _hasTokenTypes;
    private readonly string _modelId;

    public OnnxEmbeddingGenerator(string modelPath, string vocabPath, string pooling, int maxTokens, OnnxSessionFactory? sessions = null)
    {
        _tokenizer = BertTokenizer.Create(vocabPath, new BertOptions { LowerCaseBeforeTokenization = true });
        _session = (sessions ?? OnnxSessionFactory.Default).Create(Path.GetFileName(Path.GetDirectoryName(modelPath)) ?? "embeddings", modelPath, null, out var device);
        Device = device;
        _guard = new SessionUseGuard(Path.GetFileName(Path.GetDirectoryName(modelPath)) ?? "embeddings", _session.Dispose);
        Dimensions = _session.OutputMetadata.Values.FirstOrDefault()?.Dimensions is [.., > 0 and var width] ? width : 0;
        _hasTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
        _meanPooling = pooling == "mean";
        _maxTokens = maxTokens;
        _modelId = Path.GetFileName(Path.GetDirectoryName(modelPath)) ?? "onnx";
    }

    /// <summary>The device the session really got.</summary>
    public string Device { get; }

    /// <summary>The width of the vectors, when the model declares it (else 0).</summary>
    public int Dimensions { get; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToList();
        return Task.Run(() =>
        {
            // An unload while this runs frees the session afterwards; one that came first fails here, clearly.
            try
            {
                using var use = _guard.Enter();
                return new GeneratedEmbeddings<Embedding<float>>(Embed(texts).Select(v => new Embedding<float>(v) { ModelId = _modelId }).ToList());
            }
            catch (ObjectDisposedException ex)
            {
                throw ModelUnloaded.Error(_modelId, ex);
            }
        }, cancellationToken);
    }

    internal List<float[]> Embed(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return [];
        }

        var ids = texts.Select(t => _tokenizer.EncodeToIds(t, _maxTokens, true, out _, out _)).ToList();
        var length = ids.Max(i => i.Count);
        var shape = new[] { texts.Count, length };
        var inputIds = new DenseTensor<long>(shape);
        var mask = new DenseTensor<long>(shape);
        for (var b = 0; b < texts.Count; b++)
        {
            for (var t = 0; t < ids[b].Count; t++)
            {
                inputIds[b, t] = ids[b][t];
                mask[b, t] = 1;
            }
        }

        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", inputIds),
            NamedOnnxValue.CreateFromTensor("attention_mask", mask),
        };
        if (_hasTokenTypes)
        {
            inputs.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(shape)));
        }

        using var results = _session.Run(inputs);
        var hidden = results[0].AsTensor<float>();
        var dimensions = hidden.Dimensions[2];
        var vectors = new List<float[]>(texts.Count);
        for (var b = 0; b < texts.Count; b++)
        {
            var vector = new float[dimensions];
            var count = _meanPooling ? ids[b].Count : 1;
            for (var t = 0; t < count; t++)
            {
                for (var d = 0; d < dimensions; d++)
                {
                    vector[d] += hidden[b, t, d];
                }
            }

            Normalize(vector);
            vectors.Add(vector);
        }

        return vectors;
    }

    internal static void Normalize(float[] vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.SumOfSquares(vector));
        if (norm > 0)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose() => _guard.Dispose();
}
