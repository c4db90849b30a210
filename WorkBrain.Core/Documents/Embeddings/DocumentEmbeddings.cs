using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>How document search uses the embedding engine the registry selected: unit-length vectors for passages and
/// queries, or none (BM25 only) while the capability has no engine or its model is not there.</summary>
public static class DocumentEmbeddings
{
    /// <summary>"no embeddings (BM25 only)" or "embeddings: local ONNX bge-small-zh-v1.5 (…)", for status lines.</summary>
    public static string Describe(this SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.Current is null)
        {
            return "no embeddings (BM25 only)";
        }

        var status = engine.GetStatus();
        return status.State is ExpertState.Ready or ExpertState.Loading
            ? $"embeddings: {status.Backend} {status.Model}".TrimEnd()
            : $"embeddings: {status.Backend} {status.Model} {status.State} ({status.Detail})";
    }

    /// <summary>One unit-length vector per text, or null when there is no embedding model to use.</summary>
    public static async Task<List<float[]>?> EmbedAsync(
        this SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> engine, IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (await engine.GetClientAsync(cancellationToken) is not { } generator)
        {
            return null;
        }

        var result = await generator.GenerateAsync(texts, cancellationToken: cancellationToken);
        return result.Select(e =>
        {
            var vector = e.Vector.ToArray();
            OnnxEmbeddingGenerator.Normalize(vector);
            return vector;
        }).ToList();
    }

    /// <summary>The query's vector, <paramref name="prefix"/> (the model's retrieval instruction) put before it.</summary>
    public static async Task<float[]?> EmbedQueryAsync(
        this SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> engine, string prefix, string query, CancellationToken cancellationToken) =>
        (await engine.EmbedAsync([prefix + query], cancellationToken))?[0];
}
