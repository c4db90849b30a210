using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Engines;

/// <summary>
/// What every in-process engine shares: its model (a models.json entry, pulled first when Models:PullOnFirstUse allows
/// it, or files given by path) loads once on first use or from /admin, unloads once its running requests end, and a model
/// that cannot be loaded is a "failed" status with the reason, never a crash. A kind of model adds how to find its files
/// (<see cref="PrepareAsync"/>) and what its status says.
/// </summary>
/// <typeparam name="TClient">The abstraction the engine serves.</typeparam>
/// <typeparam name="TLoaded">The loaded model, which is that client.</typeparam>
public abstract partial class LocalEngine<TClient, TLoaded> : IEngine<TClient>, ILocalEngine, IDisposable
    where TClient : class
    where TLoaded : class, TClient
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile TLoaded? _loaded;
    private volatile string? _failure;
    private volatile bool _loading;

    protected LocalEngine(EngineDefinition definition, ModelCatalog catalog, IOptions<ModelsOptions> models, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Definition = definition;
        Catalog = catalog;
        Models = models;
        Logger = logger;
    }

    public EngineDefinition Definition { get; }

    public bool InProcess => true;

    /// <summary>The models.json entry it loads, or null for a model given by path.</summary>
    public virtual string? ManifestEntry => HasConfiguredPath || string.IsNullOrWhiteSpace(ConfiguredEntry) ? null : ConfiguredEntry;

    public bool IsLoaded => _loaded is not null;

    /// <summary>The loaded model, or null before the first use.</summary>
    public TLoaded? Loaded => _loaded;

    /// <summary>The name shown on /admin; a manifest entry's name, so that its row there finds this engine. For a model
    /// given by path, the file or folder name.</summary>
    public virtual string ModelName => HasConfiguredPath ? NameOfPath(ConfiguredPath!)
        : string.IsNullOrWhiteSpace(ConfiguredEntry) ? UnconfiguredName : ConfiguredEntry;

    /// <summary>Every model it loads together; one, <see cref="ModelName"/>, unless a kind loads several (Piper voices).</summary>
    public virtual IReadOnlyList<string> ModelNames => [ModelName];

    protected ModelCatalog Catalog { get; }

    /// <summary>The model file or folder configuration gives (the engine's Path setting); it wins over
    /// <see cref="ConfiguredEntry"/>. Engines whose model is "a path or a manifest entry" override both.</summary>
    protected virtual string? ConfiguredPath => null;

    /// <summary>The models.json entry configuration names (the engine's ModelName setting), used when no path is given.</summary>
    protected virtual string? ConfiguredEntry => null;

    /// <summary>The name shown while configuration gives neither a path nor an entry.</summary>
    protected virtual string UnconfiguredName => Definition.Type;

    protected bool HasConfiguredPath => !string.IsNullOrWhiteSpace(ConfiguredPath);

    /// <summary>The name of a model given by path: its file or folder name.</summary>
    protected virtual string NameOfPath(string path) => Path.GetFileName(Path.TrimEndingDirectorySeparator(path));

    protected IOptions<ModelsOptions> Models { get; }

    protected ILogger Logger { get; }

    /// <summary>"local ONNX", "local GGUF (LLamaSharp)", …</summary>
    protected abstract string Backend { get; }

    /// <summary>The device configuration asks for, shown until the model is loaded and knows the one it got.</summary>
    protected abstract string RequestedDevice { get; }

    public ExpertStatus GetStatus()
    {
        if (_loaded is { } loaded)
        {
            return LoadedStatus(loaded);
        }

        if (_loading)
        {
            return Status(ExpertState.Loading, "", $"Loading {ModelName}…");
        }

        return _failure is { } failure ? Status(ExpertState.Failed, "", failure) : IdleStatus();
    }

    /// <summary>The status of the loaded model: its real device, memory, figures.</summary>
    protected abstract ExpertStatus LoadedStatus(TLoaded loaded);

    /// <summary>The status before loading: where the files are, or what to configure or pull.</summary>
    protected abstract ExpertStatus IdleStatus();

    /// <summary>Finds the model's files (pulling them where allowed) and returns how to load them, or null when there is
    /// nothing to load yet (<see cref="IdleStatus"/> says why). Throws <see cref="ExpertException"/> when a pull fails.</summary>
    protected abstract Task<Func<TLoaded>?> PrepareAsync(CancellationToken cancellationToken);

    /// <summary>Frees a model that was unloaded; chat models wait for their running generations first.</summary>
    protected virtual Task ReleaseAsync(TLoaded loaded, CancellationToken cancellationToken)
    {
        (loaded as IDisposable)?.Dispose();
        return Task.CompletedTask;
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await GetClientAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExpertException(GetStatus().Detail);
        }
    }

    public async ValueTask<TClient?> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded is { } ready)
        {
            return ready;
        }

        await _load.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded is { } loaded)
            {
                return loaded;
            }

            var load = await PrepareAsync(cancellationToken).ConfigureAwait(false);
            if (load is null)
            {
                return null;
            }

            _failure = null;
            _loading = true;
            try
            {
                _loaded = await Task.Run(load, cancellationToken).ConfigureAwait(false);
                LogLoaded(Logger, Definition.Capability, ModelName);
                return _loaded;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _failure = $"{ModelName} could not be loaded: {ex.Message}";
                LogLoadFailed(Logger, Definition.Capability, ModelName, ex);
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

    public async Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        await _load.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_loaded is not { } loaded)
            {
                return;
            }

            _loaded = null;
            await ReleaseAsync(loaded, cancellationToken).ConfigureAwait(false);
            LogUnloaded(Logger, Definition.Capability, ModelName);
        }
        finally
        {
            _load.Release();
        }
    }

    protected ExpertStatus Status(ExpertState state, string device, string detail, double? progress = null) =>
        new(EngineCapability.ExpertOf(Definition.Capability), state, Backend, device, detail, ModelName, progress);

    /// <summary>The status of a model that is the manifest entry <paramref name="name"/> (named by <paramref name="setting"/>).</summary>
    protected ExpertStatus ManifestStatus(string name, string setting)
    {
        if (Catalog.Find(name) is not { } entry)
        {
            return Status(ExpertState.NotConfigured, "", Catalog.ManifestError ?? $"{name} ({setting}) is not in the model manifest.");
        }

        var availability = Catalog.GetStatus(entry);
        return availability.State switch
        {
            ModelAvailabilityState.Ready => Status(ExpertState.Ready, RequestedDevice, $"{name}: downloaded, loads on first use"),
            ModelAvailabilityState.Downloading => Status(ExpertState.Downloading, "", $"Downloading {name}", availability.Percent),
            ModelAvailabilityState.Failed => Status(ExpertState.Failed, "", $"Download of {name} failed: {availability.Detail}"),
            _ => Status(ExpertState.NotDownloaded, "", Models.Value.PullOnFirstUse
                ? $"{name} is not downloaded yet; it downloads on first use (Models:PullOnFirstUse), or run: dotnet run --project WorkBrain.Web -- models pull {name}"
                : $"{name} is not downloaded; run: dotnet run --project WorkBrain.Web -- models pull {name}"),
        };
    }

    /// <summary>The status of the configured manifest entry (<see cref="ConfiguredEntry"/>, the ModelName setting).</summary>
    protected ExpertStatus ConfiguredEntryStatus() => ManifestStatus(ConfiguredEntry ?? "", $"{Definition.Settings.Path}:ModelName");

    /// <summary>The configured manifest entry and its folder (pulled first where allowed), or null when a path is
    /// configured instead, no entry is named, or it is not downloaded.</summary>
    protected async Task<(ModelEntry Entry, string Folder)?> ConfiguredEntryFolderAsync(CancellationToken cancellationToken) =>
        HasConfiguredPath || string.IsNullOrWhiteSpace(ConfiguredEntry) ? null : await ManifestFolderAsync(ConfiguredEntry, cancellationToken).ConfigureAwait(false);

    /// <summary>The manifest entry <paramref name="name"/> and its folder, pulled first when it is missing and
    /// Models:PullOnFirstUse allows it; null when it is not in the manifest or not downloaded.</summary>
    protected async Task<(ModelEntry Entry, string Folder)?> ManifestFolderAsync(string name, CancellationToken cancellationToken)
    {
        if (Catalog.Find(name) is not { } entry)
        {
            return null;
        }

        if (Catalog.GetStatus(entry).State != ModelAvailabilityState.Ready)
        {
            if (!Models.Value.PullOnFirstUse)
            {
                return null;
            }

            try
            {
                await Catalog.PullAsync(entry.Name, null, cancellationToken).ConfigureAwait(false);
            }
            catch (ModelDownloadException ex)
            {
                throw new ExpertException($"{entry.Name} could not be downloaded: {ex.Message}", ex);
            }
        }

        return (entry, Catalog.DirectoryOf(entry));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (_loaded as IDisposable)?.Dispose();
            _load.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the local {Capability} model {Model}")]
    private static partial void LogLoaded(ILogger logger, string capability, string model);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unloaded the local {Capability} model {Model}")]
    private static partial void LogUnloaded(ILogger logger, string capability, string model);

    [LoggerMessage(Level = LogLevel.Error, Message = "The local {Capability} model {Model} could not be loaded")]
    private static partial void LogLoadFailed(ILogger logger, string capability, string model, Exception exception);
}
