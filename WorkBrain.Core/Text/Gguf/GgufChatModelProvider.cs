using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>
/// The GGUF text model (engine type "llamasharp"): the file at TextGeneration:Gguf:Path, or the
/// manifest entry TextGeneration:Gguf:ModelName (pulled first when Models:PullOnFirstUse allows it), loaded on first use.
/// A file that cannot be loaded is a "failed" status with the reason, never a crash.
/// </summary>
public sealed partial class GgufChatModelProvider(
    IOptions<GgufEngineOptions> options,
    IOptions<ModelsOptions> modelsOptions,
    ModelCatalog catalog,
    ILogger<GgufChatModelProvider> logger,
    EngineDefinition? definition = null) : IEngine<IChatClient>, ILocalEngine, IDisposable
{
    public const string KindName = "gguf";
    private const string Backend = "local GGUF (LLamaSharp)";
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile GgufChatClient? _client;
    private volatile string? _failure;
    private volatile bool _loading;

    public EngineDefinition Definition { get; } = definition ?? new EngineDefinition(
        EngineCapability.Text, KindName, GgufChatEngineFactory.TypeName, new ConfigurationBuilder().Build().GetSection(GgufEngineOptions.Section));

    public bool InProcess => true;

    public string? ManifestEntry => string.IsNullOrWhiteSpace(options.Value.Path) ? options.Value.ModelName : null;

    public GgufChatClient? Loaded => _client;

    public bool IsLoaded => _client is not null;

    /// <summary>True when configuration names a GGUF model (a path or a manifest entry).</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(options.Value.Path) || !string.IsNullOrWhiteSpace(options.Value.ModelName);

    private string ModelName => !string.IsNullOrWhiteSpace(options.Value.Path) ? options.Value.DisplayName : options.Value.ModelName ?? "gguf";

    public ExpertStatus GetStatus()
    {
        var name = ModelName;
        if (_client is { } client)
        {
            var s = client.Stats;
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{name} ({client.Template}, context {client.ContextSize}{(client.CanReadImages ? ", reads images" : "")}) · {client.MemoryBytes / 1048576.0:0} MiB · queue {s.QueueDepth} · {s.Requests} requests · {s.LastTokensPerSecond:0.0} tokens/s · first token {s.AverageTimeToFirstTokenMs:0} ms");
            return Status(ExpertState.Ready, client.Device, detail) with { MemoryBytes = client.MemoryBytes, QueueDepth = s.QueueDepth };
        }

        if (_loading)
        {
            return Status(ExpertState.Loading, "", $"Loading {name}…");
        }

        if (_failure is { } failure)
        {
            return Status(ExpertState.Failed, "", failure);
        }

        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.Path))
        {
            return File.Exists(o.Path)
                ? Status(ExpertState.Ready, RequestedDevice, $"{name}: loads on first use from {o.Path}")
                : Status(ExpertState.NotDownloaded, "", $"The GGUF file {o.Path} ({Definition.Settings.Path}:Path) does not exist.");
        }

        if (string.IsNullOrWhiteSpace(o.ModelName))
        {
            return Status(ExpertState.NotConfigured, "", $"No GGUF model configured: set {Definition.Settings.Path}:Path to a .gguf file, or {Definition.Settings.Path}:ModelName to a models.json entry.");
        }

        if (catalog.Find(o.ModelName) is not { } entry)
        {
            return Status(ExpertState.NotConfigured, "", catalog.ManifestError ?? $"{o.ModelName} ({Definition.Settings.Path}:ModelName) is not in the model manifest.");
        }

        var availability = catalog.GetStatus(entry);
        return availability.State switch
        {
            ModelAvailabilityState.Ready => Status(ExpertState.Ready, RequestedDevice, $"{name}: downloaded, loads on first use"),
            ModelAvailabilityState.Downloading => Status(ExpertState.Downloading, "", $"Downloading {name}", availability.Percent),
            ModelAvailabilityState.Failed => Status(ExpertState.Failed, "", $"Download of {name} failed: {availability.Detail}"),
            _ => Status(ExpertState.NotDownloaded, "", $"{name} is not downloaded; run: dotnet run --project WorkBrain.Web -- models pull {name}"),
        };
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await GetClientAsync(cancellationToken) is null)
        {
            throw new ExpertException(GetStatus().Detail);
        }
    }

    public async ValueTask<IChatClient?> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_client is { } loaded)
            {
                return loaded;
            }

            var files = await ResolveFilesAsync(cancellationToken);
            if (files is null)
            {
                return null;
            }

            _failure = null;
            _loading = true;
            try
            {
                var engine = options.Value;
                var effective = new GgufEngineOptions
                {
                    Path = files.Value.Model,
                    ProjectorPath = files.Value.Projector,
                    ContextSize = engine.ContextSize,
                    MaxConcurrent = engine.MaxConcurrent,
                    Threads = engine.Threads,
                    GpuLayers = engine.GpuLayers,
                    ChatTemplate = engine.ChatTemplate,
                    Name = ModelName,
                };
                _client = await Task.Run(() => LlamaSharpEngineFactory.CreateChatClient(effective, logger), cancellationToken);
                return _client;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failure = $"{ModelName} could not be loaded: {ex.Message}";
                LogLoadFailed(logger, ModelName, ex);
                throw new ExpertException(_failure, ex);
            }
            finally
            {
                _loading = false;
            }
        }
        finally
        {
            _load.Release();
        }
    }

    private string RequestedDevice => options.Value.GpuLayers > 0 ? $"GPU ({options.Value.GpuLayers} layers)" : "CPU";

    private async Task<(string Model, string? Projector)?> ResolveFilesAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!string.IsNullOrWhiteSpace(o.Path))
        {
            return File.Exists(o.Path) ? (o.Path, NullIfEmpty(o.ProjectorPath)) : null;
        }

        if (string.IsNullOrWhiteSpace(o.ModelName) || catalog.Find(o.ModelName) is not { } entry)
        {
            return null;
        }

        if (catalog.GetStatus(entry).State != ModelAvailabilityState.Ready)
        {
            if (!modelsOptions.Value.PullOnFirstUse)
            {
                return null;
            }

            try
            {
                await catalog.PullAsync(entry.Name, null, cancellationToken);
            }
            catch (ModelDownloadException ex)
            {
                throw new ExpertException($"{entry.Name} could not be downloaded: {ex.Message}", ex);
            }
        }

        var folder = catalog.DirectoryOf(entry);
        static bool IsProjector(ModelFile f) => f.Path.Contains("mmproj", StringComparison.OrdinalIgnoreCase);
        var model = entry.Files.FirstOrDefault(f => f.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase) && !IsProjector(f))
                    ?? throw new ExpertException($"The manifest entry {entry.Name} has no .gguf file.");
        var projector = NullIfEmpty(o.ProjectorPath) ?? entry.Files.Where(IsProjector).Select(f => Path.Combine(folder, f.Path)).FirstOrDefault();
        return (Path.Combine(folder, model.Path), projector);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    public async Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (_client is not { } client)
            {
                return;
            }

            _client = null;
            await client.DisposeWhenIdleAsync(cancellationToken);
            LogUnloaded(logger, ModelName);
        }
        finally
        {
            _load.Release();
        }
    }

    private ExpertStatus Status(ExpertState state, string device, string detail, double? progress = null) =>
        new(ExpertIds.TextGeneration, state, Backend, device, detail, ModelName, progress);

    public void Dispose()
    {
        _client?.Dispose();
        _load.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded the GGUF text model {Model}")]
    private static partial void LogUnloaded(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "The GGUF text model {Model} could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, string model, Exception exception);
}
