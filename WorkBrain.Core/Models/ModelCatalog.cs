using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Models;

/// <summary>
/// The manifest's entries and their state here (not downloaded, downloading with percent, ready, failed with the reason);
/// pulls go through it so that the web app and the CLI see the same progress. Subscribers hear of every change.
/// </summary>
public sealed class ModelCatalog(ModelDownloader downloader, IOptions<ModelsOptions> options, IHostEnvironment? environment = null)
{
    private readonly Lazy<(ModelManifest Manifest, string? Error)> _manifest = new(() => LoadManifest(options.Value, environment));
    private readonly ConcurrentDictionary<string, ModelAvailability> _transient = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Lazy<Task>> _pulls = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<ModelAvailability>> _subscribers = [];
    private readonly Lock _gate = new();

    public ModelManifest Manifest => _manifest.Value.Manifest;

    /// <summary>Why the manifest could not be read, or null.</summary>
    public string? ManifestError => _manifest.Value.Error;

    public ModelEntry? Find(string name) => Manifest.Find(name);

    /// <summary>The models folder: every entry's files are in a subfolder of it.</summary>
    public string RootDirectory => options.Value.ResolveDirectory();

    /// <summary>The folder holding <paramref name="entry"/>'s files.</summary>
    public string DirectoryOf(ModelEntry entry) => options.Value.PathOf(entry);

    public IReadOnlyList<ModelAvailability> GetAll() => Manifest.Models.Select(GetStatus).ToList();

    public ModelAvailability GetStatus(string name) =>
        Find(name) is { } entry ? GetStatus(entry) : new ModelAvailability(name, "", ModelAvailabilityState.Failed, 0, 0, null, $"{name} is not in the model manifest.");

    public ModelAvailability GetStatus(ModelEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_transient.TryGetValue(entry.Name, out var transient))
        {
            return transient;
        }

        var missing = entry.Files.Where(f => !IsPresent(entry, f)).Select(f => f.Path).ToList();
        return missing.Count == 0
            ? new ModelAvailability(entry.Name, entry.Expert, ModelAvailabilityState.Ready, entry.TotalSize, entry.TotalSize, 100, DirectoryOf(entry))
            : new ModelAvailability(entry.Name, entry.Expert, ModelAvailabilityState.NotDownloaded, entry.TotalSize, 0, null,
                $"Not downloaded ({string.Join(", ", missing)} missing): run `dotnet run --project WorkBrain.Web -- models pull {entry.Name}`.");
    }

    /// <summary>Hears every change of any model's state; dispose the result to stop.</summary>
    public IDisposable Subscribe(Action<ModelAvailability> onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    /// <summary>Downloads the model unless it is there; concurrent pulls of one model share one download.</summary>
    public async Task<ModelAvailability> PullAsync(string name, IProgress<ModelDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var entry = Find(name) ?? throw new ModelDownloadException(
            $"{name} is not in the model manifest ({string.Join(", ", Manifest.Models.Select(m => m.Name))}).");
        var pull = _pulls.GetOrAdd(entry.Name, _ => new Lazy<Task>(() => RunPullAsync(entry, cancellationToken)));
        IDisposable? listen = null;
        if (progress is not null)
        {
            listen = Subscribe(a =>
            {
                if (string.Equals(a.Name, entry.Name, StringComparison.OrdinalIgnoreCase) && a.State == ModelAvailabilityState.Downloading)
                {
                    progress.Report(new ModelDownloadProgress(a.Name, "", a.BytesDone, a.TotalBytes));
                }
            });
        }

        try
        {
            await pull.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            listen?.Dispose();
        }

        return GetStatus(entry);
    }

    /// <summary>Checks every file's size and sha256 against the manifest.</summary>
    public async Task<IReadOnlyList<ModelFileCheck>> VerifyAsync(ModelEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var checks = new List<ModelFileCheck>();
        foreach (var file in entry.Files)
        {
            checks.Add(await ModelFileHasher.CheckAsync(options.Value.PathOf(entry.Directory, file.Path), file, hash: true, cancellationToken));
        }

        return checks;
    }

    private async Task RunPullAsync(ModelEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            var total = entry.TotalSize;
            Set(new ModelAvailability(entry.Name, entry.Expert, ModelAvailabilityState.Downloading, total, 0, total > 0 ? 0 : null, "starting"));
            var progress = new SyncProgress(p => Set(new ModelAvailability(entry.Name, entry.Expert, ModelAvailabilityState.Downloading, p.TotalBytes, p.BytesDone, p.Percent, p.File)));
            await downloader.DownloadAsync(entry, progress, cancellationToken);
            _transient.TryRemove(entry.Name, out _);
            Notify(GetStatus(entry));
        }
        catch (Exception ex)
        {
            var reason = ex is OperationCanceledException ? "Download cancelled; pull again to resume." : ex.Message;
            Set(new ModelAvailability(entry.Name, entry.Expert, ModelAvailabilityState.Failed, entry.TotalSize, 0, null, reason));
            throw;
        }
        finally
        {
            _pulls.TryRemove(entry.Name, out _);
        }
    }

    private bool IsPresent(ModelEntry entry, ModelFile file)
    {
        var info = new FileInfo(options.Value.PathOf(entry.Directory, file.Path));
        return info.Exists && (file.Size <= 0 || info.Length == file.Size);
    }

    private void Set(ModelAvailability availability)
    {
        _transient[availability.Name] = availability;
        Notify(availability);
    }

    private void Notify(ModelAvailability availability)
    {
        Action<ModelAvailability>[] targets;
        lock (_gate)
        {
            targets = [.. _subscribers];
        }

        foreach (var target in targets)
        {
            target(availability);
        }
    }

    private static (ModelManifest, string?) LoadManifest(ModelsOptions o, IHostEnvironment? environment)
    {
        var candidates = new List<string>();
        if (Path.IsPathRooted(o.Manifest))
        {
            candidates.Add(o.Manifest);
        }
        else
        {
            // relative to the content root, then to its parents (WorkBrain.Web/ sits beside models/), then to the working folder
            for (var dir = environment?.ContentRootPath is { } root ? new DirectoryInfo(root) : null; dir is not null && candidates.Count < 4; dir = dir.Parent)
            {
                candidates.Add(Path.Combine(dir.FullName, o.Manifest));
            }

            candidates.Add(Path.GetFullPath(o.Manifest));
        }

        var found = candidates.FirstOrDefault(File.Exists);
        if (found is null)
        {
            return (new ModelManifest([]), $"The model manifest {o.Manifest} was not found; set Models:Manifest to the path of models/models.json.");
        }

        try
        {
            return (ModelManifest.Load(found), null);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or InvalidDataException)
        {
            return (new ModelManifest([]), $"The model manifest {found} could not be read: {ex.Message}");
        }
    }

    private sealed class SyncProgress(Action<ModelDownloadProgress> report) : IProgress<ModelDownloadProgress>
    {
        public void Report(ModelDownloadProgress value) => report(value);
    }

    private sealed class Subscription(ModelCatalog owner, Action<ModelAvailability> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._subscribers.Remove(handler);
            }
        }
    }
}
