using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>A GGUF embedding model (bge, nomic-embed, … converted by llama.cpp) as an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>: one vector per input, mean-pooled unless the GGUF names its
/// pooling; inputs are embedded one at a time on one context.</summary>
public sealed class GgufEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly LLamaWeights _weights;
    private readonly LLamaEmbedder _embedder;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata;

    private GgufEmbeddingGenerator(LLamaWeights weights, LLamaEmbedder embedder, string name)
    {
        _weights = weights;
        _embedder = embedder;
        Name = name;
        _metadata = new EmbeddingGeneratorMetadata("workbrain-llamasharp", null, name, embedder.EmbeddingSize);
    }

    public string Name { get; }

    public int Dimensions => _embedder.EmbeddingSize;

    public static GgufEmbeddingGenerator Load(string path, GgufEngineOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new GgufEngineOptions();
        logger ??= NullLogger.Instance;
        GgufModel.CheckGgufFile(path, "embedding model");
        LlamaNative.EnsureConfigured(logger);
        var parameters = new ModelParams(path)
        {
            Embeddings = true,
            ContextSize = options.ContextSize > 0 ? (uint)options.ContextSize : null,
            GpuLayerCount = options.GpuLayers,
            Threads = options.Threads > 0 ? options.Threads : null,
        };
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or InvalidOperationException)
        {
            throw new InvalidDataException($"llama.cpp could not load {Path.GetFileName(path)}: {ex.Message}", ex);
        }

        try
        {
            parameters.ContextSize = (uint)Math.Min(parameters.ContextSize ?? (uint)weights.ContextSize, (uint)Math.Max(1, weights.ContextSize));
            parameters.BatchSize = parameters.ContextSize.Value;
            parameters.UBatchSize = parameters.ContextSize.Value;
            if (!weights.Metadata.Keys.Any(k => k.EndsWith(".pooling_type", StringComparison.Ordinal)))
            {
                parameters.PoolingType = LLamaPoolingType.Mean;
            }

            var embedder = new LLamaEmbedder(weights, parameters, logger);
            var name = !string.IsNullOrWhiteSpace(options.Name) ? options.Name : Path.GetFileNameWithoutExtension(path);
            return new GgufEmbeddingGenerator(weights, embedder, name);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new GeneratedEmbeddings<Embedding<float>>();
        var tokens = 0;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            foreach (var value in values)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var vectors = await _embedder.GetEmbeddings(value, cancellationToken);
                tokens += _weights.Tokenize(value, true, false, System.Text.Encoding.UTF8).Length;
                var vector = vectors.Count == 1 ? vectors[0] : MeanOf(vectors);
                result.Add(new Embedding<float>(vector) { ModelId = Name, CreatedAt = DateTimeOffset.UtcNow });
            }
        }
        finally
        {
            _lock.Release();
        }

        result.Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens };
        return result;
    }

    private static float[] MeanOf(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var v in vectors)
        {
            for (var i = 0; i < mean.Length; i++)
            {
                mean[i] += v[i] / vectors.Count;
            }
        }

        return mean;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        _embedder.Dispose();
        _weights.Dispose();
        _lock.Dispose();
    }
}
