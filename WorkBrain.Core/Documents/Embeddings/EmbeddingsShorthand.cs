using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>The embeddings short keys (<see cref="EmbeddingsOptions"/>): <c>Embeddings:Endpoint/Model/ApiKey</c> are the
/// "remote" engine (type openai), <c>Embeddings:ModelDirectory</c> the "local" one (type onnx; the models.json entry
/// bge-small-zh-v1.5 unless a folder is set), <c>Embeddings:GgufPath</c> the "gguf" one (type llamasharp; the entry
/// nomic-embed-text-v1.5-gguf unless a file is set), and <c>Embeddings:Backend</c> chooses one, or none.</summary>
internal sealed class EmbeddingsShorthand : IEngineShorthand
{
    public const string Remote = "remote";
    public const string Local = "local";
    public const string Gguf = "gguf";
    public const string LocalEntry = "bge-small-zh-v1.5";
    public const string GgufEntry = "nomic-embed-text-v1.5-gguf";

    public string Capability => EngineCapability.Embeddings;

    public string NotConfiguredDetail =>
        "No embedding model configured (document search uses BM25 only): set Embeddings:Backend to local (and pull bge-small-zh-v1.5), gguf or remote (with Embeddings:Endpoint and Embeddings:Model), or add an engine under Engines:Embeddings.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(EmbeddingsOptions.Section);
        var o = section.Get<EmbeddingsOptions>() ?? new EmbeddingsOptions();
        var models = configuration.GetSection(ModelsOptions.Section).Get<ModelsOptions>() ?? new ModelsOptions();
        var maxTokens = o.MaxTokens.ToString(CultureInfo.InvariantCulture);
        var local = ShortKeys.Section(EmbeddingsOptions.Section, new Dictionary<string, string?>
        {
            [nameof(OnnxEmbeddingOptions.ModelName)] = section[nameof(EmbeddingsOptions.ModelDirectory)] is null ? LocalEntry : "",
            [nameof(OnnxEmbeddingOptions.Path)] = section[nameof(EmbeddingsOptions.ModelDirectory)] is null ? null : o.ModelDirectory,
            [nameof(OnnxEmbeddingOptions.Pooling)] = o.Pooling,
            [nameof(OnnxEmbeddingOptions.MaxTokens)] = maxTokens,
        });
        var gguf = ShortKeys.Section(EmbeddingsOptions.Section, new Dictionary<string, string?>
        {
            [nameof(GgufEngineOptions.ModelName)] = section[nameof(EmbeddingsOptions.GgufPath)] is null ? GgufEntry : null,
            [nameof(GgufEngineOptions.Path)] = section[nameof(EmbeddingsOptions.GgufPath)] is null ? null : Path.Combine(models.ResolveDirectory(), o.GgufPath),
            [nameof(GgufEngineOptions.ContextSize)] = maxTokens,
        });
        return (
            [
                new EngineDefinition(Capability, Remote, OpenAiEngineFactory<IEmbeddingGenerator<string, Embedding<float>>>.TypeName, section),
                new EngineDefinition(Capability, Local, OnnxEmbeddingEngineFactory.TypeName, local),
                new EngineDefinition(Capability, Gguf, GgufChatEngineFactory.TypeName, gguf),
            ],
            o.Backend is Remote or Local or Gguf ? o.Backend : null);
    }
}
