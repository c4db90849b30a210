using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The in-process ONNX Stable Diffusion engine (type "onnx" for Images): a manifest entry such as sd-turbo, or
/// a folder, loaded on first use.</summary>
public sealed class StableDiffusionEngine(
    EngineDefinition definition,
    StableDiffusionEngineOptions options,
    ModelCatalog catalog,
    IOptions<ModelsOptions> models,
    ILogger<StableDiffusionEngine> logger,
    OnnxSessionFactory? sessions = null)
    : LocalEngine<IImageGenerator, StableDiffusionImageGenerator>(definition, catalog, models, logger)
{
    protected override string? ConfiguredPath => options.Path;

    protected override string? ConfiguredEntry => options.ModelName;

    protected override string UnconfiguredName => "stable-diffusion";

    protected override string Backend => "local ONNX";

    protected override string RequestedDevice => OnnxSessionFactory.GpuBuild ? OnnxSessionFactory.Cuda : OnnxSessionFactory.Cpu;

    /// <summary>The folder the pipeline loads from: the configured one, or the manifest entry's.</summary>
    public string? Directory => HasConfiguredPath ? Path.GetFullPath(options.Path!)
        : string.IsNullOrWhiteSpace(options.ModelName) ? null
        : Catalog.Find(options.ModelName) is { } entry ? Catalog.DirectoryOf(entry)
        : Path.Combine(Models.Value.ResolveDirectory(), options.ModelName);

    protected override ExpertStatus LoadedStatus(StableDiffusionImageGenerator loaded) =>
        Status(ExpertState.Ready, loaded.Device, $"{ModelName} loaded from {loaded.Directory}.");

    protected override ExpertStatus IdleStatus()
    {
        if (Directory is not { } folder)
        {
            return Status(ExpertState.NotConfigured, "", $"No Stable Diffusion model configured: set {Definition.Settings.Path}:Path to an ONNX export, or {Definition.Settings.Path}:ModelName to a models.json entry.");
        }

        var missing = StableDiffusionPipeline.Missing(folder);
        if (missing.Count == 0)
        {
            return Status(ExpertState.Ready, RequestedDevice, $"{ModelName}: loads on first use.");
        }

        if (!HasConfiguredPath)
        {
            return ConfiguredEntryStatus();
        }

        var entry = options.ModelName ?? "sd-turbo";
        return Status(ExpertState.NotDownloaded, "",
            $"The Stable Diffusion model '{entry}' is not downloaded ({folder} lacks {missing[0]}). " +
            $"Run: dotnet run --project WorkBrain.Web -- models pull {entry}, or set ImageGeneration:Endpoint to an OpenAI images API.");
    }

    protected override async Task<Func<StableDiffusionImageGenerator>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = Directory;
        if (folder is not null && StableDiffusionPipeline.Missing(folder).Count > 0)
        {
            folder = (await ConfiguredEntryFolderAsync(cancellationToken))?.Folder;
        }

        if (folder is null || StableDiffusionPipeline.Missing(folder).Count > 0)
        {
            return null;
        }

        var settings = new OnnxSessionSettings { IntraOpThreads = options.Threads > 0 ? options.Threads : null };
        return () => new StableDiffusionImageGenerator(new StableDiffusionPipeline(folder, sessions ?? OnnxSessionFactory.Default, settings), options.Scheduler, ModelName, options.PreviewEvery);
    }
}

/// <summary>Type "onnx" for images: <see cref="StableDiffusionEngine"/> from <see cref="StableDiffusionEngineOptions"/>.</summary>
internal sealed class StableDiffusionEngineFactory() : LocalEngineFactory<StableDiffusionEngine, StableDiffusionEngineOptions>(EngineCapability.Images, TypeName)
{
    public const string TypeName = "onnx";
}
