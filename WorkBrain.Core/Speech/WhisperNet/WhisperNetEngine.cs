using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>Engine type "whispernet" for speech to text: a whisper.cpp ggml model (a path, or a manifest entry pulled on
/// first use when Models:PullOnFirstUse allows it), loaded on first use or from /admin. A missing or damaged file is a
/// status that says which file and what to do, never a crash.</summary>
internal sealed partial class WhisperNetEngine(
    EngineDefinition definition,
    WhisperNetEngineOptions options,
    ModelsOptions models,
    ModelCatalog? catalog,
    ILogger logger) : IEngine<ISpeechToTextClient>, ILocalEngine, IDisposable
{
    private const string Backend = "whisper.cpp (Whisper.net)";
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile WhisperNetSpeechToTextClient? _client;
    private volatile string? _failure;

    public EngineDefinition Definition => definition;

    public bool InProcess => true;

    public string? ManifestEntry => string.IsNullOrWhiteSpace(options.Path) ? options.ModelName : null;

    public bool IsLoaded => _client is not null;

    private string ModelName => !string.IsNullOrWhiteSpace(options.Path) ? System.IO.Path.GetFileNameWithoutExtension(options.Path) : options.ModelName ?? definition.Name;

    /// <summary>The configured file: the path (under the models folder when relative) or the manifest entry's .bin.</summary>
    private string? ModelPath
    {
        get
        {
            if (!string.IsNullOrWhiteSpace(options.Path))
            {
                return System.IO.Path.IsPathRooted(options.Path) ? options.Path : System.IO.Path.Combine(models.ResolveDirectory(), options.Path);
            }

            return !string.IsNullOrWhiteSpace(options.ModelName) && catalog?.Find(options.ModelName) is { } entry
                   && entry.Files.FirstOrDefault(f => f.Path.EndsWith(".bin", StringComparison.OrdinalIgnoreCase)) is { } file
                ? System.IO.Path.Combine(catalog.DirectoryOf(entry), file.Path)
                : null;
        }
    }

    public ExpertStatus GetStatus()
    {
        if (_client is not null)
        {
            return Status(ExpertState.Ready, $"{ModelName} loaded");
        }

        if (_failure is { } failure)
        {
            return Status(ExpertState.Failed, failure);
        }

        if (string.IsNullOrWhiteSpace(options.Path) && string.IsNullOrWhiteSpace(options.ModelName))
        {
            return Status(ExpertState.NotConfigured, $"No whisper.cpp model configured: set {definition.Settings.Path}:Path to a ggml-*.bin file, or {definition.Settings.Path}:ModelName to a models.json entry (whisper-base-ggml).");
        }

        if (ModelPath is not { } path)
        {
            return Status(ExpertState.NotConfigured, catalog?.ManifestError ?? $"{options.ModelName} ({definition.Settings.Path}:ModelName) is not a whisper.cpp entry of the model manifest.");
        }

        if (File.Exists(path))
        {
            return Status(ExpertState.Ready, $"{ModelName}: loads on first use from {path}");
        }

        return string.IsNullOrWhiteSpace(options.Path) && models.PullOnFirstUse
            ? Status(ExpertState.Ready, $"{ModelName}: downloaded on first use")
            : Status(ExpertState.NotDownloaded, $"The whisper.cpp model {path} does not exist: put a ggml-*.bin there, or run: dotnet run --project WorkBrain.Web -- models pull {options.ModelName ?? "whisper-base-ggml"}");
    }

    private ExpertStatus Status(ExpertState state, string detail) =>
        new(ExpertIds.Asr, state, Backend, state == ExpertState.Ready ? "CPU" : "", detail, ModelName);

    public async ValueTask<ISpeechToTextClient?> GetClientAsync(CancellationToken cancellationToken = default)
    {
        if (_client is { } ready)
        {
            return ready;
        }

        await _load.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } loaded)
            {
                return loaded;
            }

            if (await ResolveAsync(cancellationToken).ConfigureAwait(false) is not { } path)
            {
                return null;
            }

            try
            {
                _client = await Task.Run(() => WhisperNetSpeechToTextClient.Load(path, options.FfmpegPath, options.Threads), cancellationToken).ConfigureAwait(false);
                _failure = null;
                LogLoaded(logger, path);
                return _client;
            }
            catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException or IOException or UnauthorizedAccessException)
            {
                _failure = $"{ModelName} could not be loaded: {ex.Message}";
                throw new ExpertException(_failure, ex);
            }
        }
        finally
        {
            _load.Release();
        }
    }

    private async Task<string?> ResolveAsync(CancellationToken cancellationToken)
    {
        if (ModelPath is not { } path)
        {
            return null;
        }

        if (File.Exists(path))
        {
            return path;
        }

        if (!string.IsNullOrWhiteSpace(options.Path) || !models.PullOnFirstUse || catalog is null || string.IsNullOrWhiteSpace(options.ModelName))
        {
            return null;
        }

        try
        {
            await catalog.PullAsync(options.ModelName, null, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelDownloadException ex)
        {
            throw new ExpertException($"{options.ModelName} could not be downloaded: {ex.Message}", ex);
        }

        return File.Exists(path) ? path : null;
    }

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        if (await GetClientAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ExpertException(GetStatus().Detail);
        }
    }

    public async Task UnloadAsync(CancellationToken cancellationToken = default)
    {
        await _load.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { } client)
            {
                _client = null;
                await client.DisposeWhenIdleAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _load.Release();
        }
    }

    public void Dispose()
    {
        _client?.Dispose();
        _load.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded whisper.cpp model {Path}")]
    private static partial void LogLoaded(ILogger logger, string path);
}
