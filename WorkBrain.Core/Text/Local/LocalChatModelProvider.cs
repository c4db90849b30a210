using WorkBrain.Core.Engines.Onnx;
using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// The local text model (engine type "onnx"): the manifest entry named by <see cref="LocalTextModelOptions.ModelName"/> (or a folder given by
/// <see cref="LocalTextModelOptions.Path"/>), loaded on first use — pulled first when Models:PullOnFirstUse allows it.
/// </summary>
public sealed class LocalChatModelProvider(
    IOptions<LocalTextModelOptions> options,
    IOptions<ModelsOptions> modelsOptions,
    ModelCatalog catalog,
    ILogger<LocalChatModelProvider> logger,
    EngineDefinition? definition = null,
    OnnxSessionFactory? sessions = null)
    : LocalEngine<IChatClient, OnnxChatClient>(
        definition ?? new EngineDefinition(EngineCapability.Text, "local", "onnx", new ConfigurationBuilder().Build().GetSection(LocalTextModelOptions.Section)),
        catalog, modelsOptions, logger)
{
    protected override string? ConfiguredPath => options.Value.Path;

    protected override string? ConfiguredEntry => options.Value.ModelName;

    protected override string Backend => "local ONNX";

    protected override string RequestedDevice => options.Value.ExecutionProvider == "cuda" ? "GPU (CUDA)" : "CPU";

    protected override ExpertStatus LoadedStatus(OnnxChatClient client)
    {
        var s = client.Stats;
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{ModelName} ({client.Template}) · {client.MemoryBytes / 1048576.0:0} MiB · queue {s.QueueDepth} · {s.Requests} requests · {s.LastTokensPerSecond:0.0} tokens/s · first token {s.AverageTimeToFirstTokenMs:0} ms");
        return Status(ExpertState.Ready, client.Device, detail) with { MemoryBytes = client.MemoryBytes, QueueDepth = s.QueueDepth };
    }

    protected override ExpertStatus IdleStatus()
    {
        if (!HasConfiguredPath || options.Value.Path is not { } folder)
        {
            return ConfiguredEntryStatus();
        }

        return File.Exists(Path.Combine(folder, "config.json"))
            ? Status(ExpertState.Ready, RequestedDevice, $"{ModelName}: loads on first use from {folder}")
            : Status(ExpertState.NotDownloaded, "", $"The model folder {folder} ({Definition.Settings.Path}:Path) has no config.json.");
    }

    protected override async Task<Func<OnnxChatClient>?> PrepareAsync(CancellationToken cancellationToken)
    {
        var folder = HasConfiguredPath
            ? File.Exists(Path.Combine(options.Value.Path!, "config.json")) ? options.Value.Path : null
            : (await ConfiguredEntryFolderAsync(cancellationToken))?.Folder;

        var engine = options.Value.ToEngineOptions();
        return folder is null ? null : () => OnnxChatClient.Load(folder, engine, Logger, ModelName, sessions);
    }

    protected override Task ReleaseAsync(OnnxChatClient loaded, CancellationToken cancellationToken) => loaded.DisposeWhenIdleAsync(cancellationToken);
}
