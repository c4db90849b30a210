using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>A GGUF model run by LLamaSharp: the file at <see cref="GgufEngineOptions.Path"/>, or the .gguf file of the
/// manifest entry <see cref="GgufEngineOptions.ModelName"/> (its mmproj file is the projector).</summary>
public abstract class GgufLocalEngine<TClient, TLoaded>(EngineDefinition definition, GgufEngineOptions options, ModelCatalog catalog, IOptions<ModelsOptions> models, ILogger logger)
    : LocalEngine<TClient, TLoaded>(definition, catalog, models, logger)
    where TClient : class
    where TLoaded : class, TClient
{
    protected GgufEngineOptions Options => options;

    protected override string? ConfiguredPath => options.Path;

    protected override string? ConfiguredEntry => options.ModelName;

    protected override string UnconfiguredName => "gguf";

    protected override string NameOfPath(string path) => options.DisplayName;

    /// <summary>True when configuration names a GGUF model (a path or a manifest entry).</summary>
    public bool IsConfigured => HasConfiguredPath || !string.IsNullOrWhiteSpace(options.ModelName);

    protected override string Backend => "local GGUF (LLamaSharp)";

    protected override string RequestedDevice => options.GpuLayers > 0 ? $"GPU ({options.GpuLayers} layers)" : "CPU";

    protected override ExpertStatus IdleStatus()
    {
        if (HasConfiguredPath)
        {
            return File.Exists(options.Path)
                ? Status(ExpertState.Ready, RequestedDevice, $"{ModelName}: loads on first use from {options.Path}")
                : Status(ExpertState.NotDownloaded, "", $"The GGUF file {options.Path} ({Definition.Settings.Path}:Path) does not exist.");
        }

        return string.IsNullOrWhiteSpace(options.ModelName)
            ? Status(ExpertState.NotConfigured, "", $"No GGUF model configured: set {Definition.Settings.Path}:Path to a .gguf file, or {Definition.Settings.Path}:ModelName to a models.json entry.")
            : ConfiguredEntryStatus();
    }

    /// <summary>The model file and its projector (when there is one), pulling the manifest entry first where allowed;
    /// null when there is nothing to load yet.</summary>
    protected async Task<(string Model, string? Projector)?> ResolveFilesAsync(CancellationToken cancellationToken)
    {
        if (HasConfiguredPath)
        {
            return File.Exists(options.Path) ? (options.Path!, NullIfEmpty(options.ProjectorPath)) : null;
        }

        if (await ConfiguredEntryFolderAsync(cancellationToken) is not var (entry, folder))
        {
            return null;
        }

        static bool IsProjector(ModelFile f) => f.Path.Contains("mmproj", StringComparison.OrdinalIgnoreCase);
        var model = entry.Files.FirstOrDefault(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && !IsProjector(f))
                    ?? throw new ExpertException($"The manifest entry {entry.Name} has no .gguf file.");
        var projector = NullIfEmpty(options.ProjectorPath) ?? entry.Files.Where(IsProjector).Select(f => Path.Combine(folder, f.Path)).FirstOrDefault();
        return (Path.Combine(folder, model.Path), projector);
    }

    /// <summary>The options the model loads with: the resolved files, and the name shown.</summary>
    protected GgufEngineOptions Effective((string Model, string? Projector) files) => new()
    {
        Path = files.Model,
        ProjectorPath = files.Projector,
        ContextSize = options.ContextSize,
        MaxConcurrent = options.MaxConcurrent,
        Threads = options.Threads,
        GpuLayers = options.GpuLayers,
        ChatTemplate = options.ChatTemplate,
        Name = ModelName,
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
