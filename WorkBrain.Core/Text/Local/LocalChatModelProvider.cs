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
public sealed partial class LocalChatModelProvider(
    IOptions<LocalTextModelOptions> options,
    IOptions<ModelsOptions> modelsOptions,
    ModelCatalog catalog,
    ILogger<LocalChatModelProvider> logger,
    EngineDefinition? definition = null,
    OnnxSessionFactory? sessions = null) : IEngine<IChatClient>, ILocalEngine, IDisposable
{
    private const string Backend = "local ONNX";
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile OnnxChatClient? _client;
    private volatile string? _failure;
    private volatile bool _loading;

    public EngineDefinition Definition { get; } = definition ?? new EngineDefinition(
        EngineCapability.Text, "local", "onnx", new ConfigurationBuilder().Build().GetSection(LocalTextModelOptions.Section));

    public bool InProcess => true;

    public string? ManifestEntry => string.IsNullOrWhiteSpace(options.Value.Path) ? options.Value.ModelName : null;

    public bool IsLoaded => _client is not null;

    /// <summary>The loaded engine, or null before the first use.</summary>
    public OnnxChatClient? Loaded => _client;

    private string ModelName => string.IsNullOrWhiteSpace(options.Value.Path) ? options.Value.ModelName : Path.GetFileName(Path.TrimEndingDirectorySeparator(options.Value.Path));

    public ExpertStatus GetStatus()
    {
        var name = ModelName;
        if (_client is { } client)
        {
            var s = client.Stats;
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{name} ({client.Template}) · {client.MemoryBytes / 1048576.0:0} MiB · queue {s.QueueDepth} · {s.Requests} requests · {s.LastTokensPerSecond:0.0} tokens/s · first token {s.AverageTimeToFirstTokenMs:0} ms");
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

        if (!string.IsNullOrWhiteSpace(options.Value.Path))
        {
            return File.Exists(Path.Combine(options.Value.Path, "config.json"))
                ? Status(ExpertState.Ready, RequestedDevice, $"{name}: loads on first use from {options.Value.Path}")
                : Status(ExpertState.NotDownloaded, "", $"The model folder {options.Value.Path} ({Definition.Settings.Path}:Path) has no config.json.");
        }

        if (catalog.Find(name) is not { } entry)
        {
            return Status(ExpertState.NotConfigured, "", catalog.ManifestError ?? $"{name} ({Definition.Settings.Path}:ModelName) is not in the model manifest.");
        }

        var availability = catalog.GetStatus(entry);
        return availability.State switch
        {
            ModelAvailabilityState.Ready => Status(ExpertState.Ready, RequestedDevice, $"{name}: downloaded, loads on first use"),
            ModelAvailabilityState.Downloading => Status(ExpertState.Downloading, "", $"Downloading {name}", availability.Percent),
            ModelAvailabilityState.Failed => Status(ExpertState.Failed, "", $"Download of {name} failed: {availability.Detail}"),
            _ => Status(ExpertState.NotDownloaded, "", modelsOptions.Value.PullOnFirstUse
                ? $"{name} is not downloaded yet; it downloads on first use (Models:PullOnFirstUse), or run: dotnet run --project WorkBrain.Web -- models pull {name}"
                : $"{name} is not downloaded; run: dotnet run --project WorkBrain.Web -- models pull {name}"),
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

            var folder = await ResolveFolderAsync(cancellationToken);
            if (folder is null)
            {
                return null;
            }

            _failure = null;
            _loading = true;
            try
            {
                var engine = options.Value.ToEngineOptions();
                _client = await Task.Run(() => OnnxChatClient.Load(folder, engine, logger, ModelName, sessions), cancellationToken);
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

    private string RequestedDevice => options.Value.ExecutionProvider == "cuda" ? "GPU (CUDA)" : "CPU";

    private async Task<string?> ResolveFolderAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.Path))
        {
            return File.Exists(Path.Combine(options.Value.Path, "config.json")) ? options.Value.Path : null;
        }

        if (catalog.Find(options.Value.ModelName) is not { } entry)
        {
            return null;
        }

        var state = catalog.GetStatus(entry).State;
        if (state != ModelAvailabilityState.Ready)
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

        return catalog.DirectoryOf(entry);
    }

    /// <summary>Frees the loaded model once its running generations end; the next request loads it again.</summary>
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded the local text model {Model}")]
    private static partial void LogUnloaded(ILogger logger, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "The local text model {Model} could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, string model, Exception exception);
}
