using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>The in-process ONNX embedding model (bge-small-zh-v1.5 and the like), loaded on first use.</summary>
public sealed class OnnxEmbeddingEngine(
    EngineDefinition definition,
    OnnxEmbeddingOptions options,
    ModelCatalog catalog,
    IOptions<ModelsOptions> models,
    ILogger<OnnxEmbeddingEngine> logger,
    OnnxSessionFactory? sessions = null)
    : LocalEngine<IEmbeddingGenerator<string, Embedding<float>>, OnnxEmbeddingGenerator>(definition, catalog, models, logger)
{
    protected override string? ConfiguredPath => options.Path;

    protected override string? ConfiguredEntry => options.ModelName;

    protected override string Backend => "local ONNX";

    protected override string RequestedDevice => OnnxSessionFactory.GpuBuild ? OnnxSessionFactory.Cuda : OnnxSessionFactory.Cpu;

    private string? Folder => HasConfiguredPath ? Path.Combine(Models.Value.ResolveDirectory(), options.Path!) : null;

    protected override ExpertStatus LoadedStatus(OnnxEmbeddingGenerator loaded) =>
        Status(ExpertState.Ready, loaded.Device, loaded.Dimensions > 0
            ? $"{ModelName}: {loaded.Dimensions} dimensions, {options.Pooling} pooling, up to {options.MaxTokens} tokens"
            : $"{ModelName}: {options.Pooling} pooling, up to {options.MaxTokens} tokens");

    protected override ExpertStatus IdleStatus()
    {
        if (Folder is not { } folder)
        {
            return string.IsNullOrWhiteSpace(options.ModelName)
                ? Status(ExpertState.NotConfigured, "", $"No embedding model configured: set {Definition.Settings.Path}:Path to a folder with model.onnx and vocab.txt, or {Definition.Settings.Path}:ModelName to a models.json entry.")
                : ConfiguredEntryStatus();
        }

        return Missing(folder) is { } missing
            ? Status(ExpertState.NotDownloaded, "", $"The embedding model folder {folder} lacks {missing}.")
            : Status(ExpertState.Ready, RequestedDevice, $"{ModelName}: loads on first use from {folder}");
    }

    protected override async Task<Func<OnnxEmbeddingGenerator>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = Folder ?? (await ConfiguredEntryFolderAsync(cancellationToken))?.Folder;

        if (folder is null || Missing(folder) is not null)
        {
            return null;
        }

        return () => new OnnxEmbeddingGenerator(Path.Combine(folder, "model.onnx"), Path.Combine(folder, "vocab.txt"), options.Pooling, options.MaxTokens, sessions);
    }

    private static string? Missing(string folder) =>
        !File.Exists(Path.Combine(folder, "model.onnx")) ? "model.onnx"
        : !File.Exists(Path.Combine(folder, "vocab.txt")) ? "vocab.txt"
        : null;
}

/// <summary>Type "onnx" for embeddings: <see cref="OnnxEmbeddingEngine"/> from <see cref="OnnxEmbeddingOptions"/>.</summary>
internal sealed class OnnxEmbeddingEngineFactory() : LocalEngineFactory<OnnxEmbeddingEngine, OnnxEmbeddingOptions>(EngineCapability.Embeddings, TypeName)
{
    public const string TypeName = "onnx";
}
