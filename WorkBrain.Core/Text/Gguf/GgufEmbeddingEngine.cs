using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>A GGUF embedding model (nomic-embed, bge, … converted by llama.cpp) run by LLamaSharp, loaded on first use.</summary>
public sealed class GgufEmbeddingEngine(EngineDefinition definition, GgufEngineOptions options, ModelCatalog catalog, IOptions<ModelsOptions> models, ILogger<GgufEmbeddingEngine> logger)
    : GgufLocalEngine<IEmbeddingGenerator<string, Embedding<float>>, GgufEmbeddingGenerator>(definition, options, catalog, models, logger)
{
    protected override ExpertStatus LoadedStatus(GgufEmbeddingGenerator loaded) =>
        Status(ExpertState.Ready, RequestedDevice, $"{ModelName}: {loaded.Dimensions} dimensions");

    protected override async Task<Func<GgufEmbeddingGenerator>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var files = await ResolveFilesAsync(cancellationToken);
        if (files is null)
        {
            return null;
        }

        var effective = Effective(files.Value);
        return () => GgufEmbeddingGenerator.Load(effective.Path!, effective, Logger);
    }
}

/// <summary>Type "llamasharp" for embeddings: <see cref="GgufEmbeddingEngine"/> from <see cref="GgufEngineOptions"/>
/// (Path or ModelName, ContextSize, Threads, GpuLayers).</summary>
internal sealed class GgufEmbeddingEngineFactory() : LocalEngineFactory<GgufEmbeddingEngine, GgufEngineOptions>(EngineCapability.Embeddings, GgufChatEngineFactory.TypeName);
