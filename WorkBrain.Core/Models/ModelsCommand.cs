using System.Diagnostics;
using System.Globalization;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Core.Models;

/// <summary><c>models list | pull NAME | verify [NAME]</c>: the manifest's models, their download with a progress bar, and their checksums.</summary>
public sealed class ModelsCommand(ModelCatalog catalog) : ICliCommand
{
    public string Name => "models";

    public string Usage => "models list | pull NAME | verify [NAME]   list, download (resumable, checksummed) or verify the models of models/models.json";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (catalog.ManifestError is { } manifestError)
        {
            await error.WriteLineAsync(manifestError);
            return 1;
        }

        var verb = args.Count == 0 ? "list" : args[0].ToLowerInvariant();
        return verb switch
        {
            "list" => await ListAsync(output),
            "pull" when args.Count >= 2 => await PullAsync(args[1], output, error, cancellationToken),
            "verify" => await VerifyAsync(args.Count >= 2 ? args[1] : null, output, error, cancellationToken),
            _ => await UsageAsync(error),
        };
    }

    private async Task<int> ListAsync(TextWriter output)
    {
        await output.WriteLineAsync($"Models folder: {catalog.RootDirectory}");
        await output.WriteLineAsync($"{"NAME",-28} {"EXPERT",-20} {"SIZE",10}  STATUS");
        foreach (var entry in catalog.Manifest.Models)
        {
            var status = catalog.GetStatus(entry);
            var state = status.State switch
            {
                ModelAvailabilityState.Ready => "ready",
                ModelAvailabilityState.Downloading => $"downloading {status.Percent?.ToString("0.0", CultureInfo.InvariantCulture) ?? "?"}%",
                ModelAvailabilityState.Failed => "failed: " + status.Detail,
                _ => "not downloaded",
            };
            await output.WriteLineAsync($"{entry.Name,-28} {entry.Expert,-20} {FormatBytes(entry.TotalSize),10}  {state}");
        }

        return 0;
    }

    private async Task<int> PullAsync(string name, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (catalog.Find(name) is not { } entry)
        {
            await error.WriteLineAsync($"Unknown model '{name}'. Known: {string.Join(", ", catalog.Manifest.Models.Select(m => m.Name))}");
            return 2;
        }

        await output.WriteLineAsync($"Pulling {entry.Name} into {catalog.DirectoryOf(entry)}");
        var bar = new ProgressBar(output);
        try
        {
            await catalog.PullAsync(entry.Name, bar, cancellationToken);
            bar.Finish();
            await output.WriteLineAsync($"{entry.Name} is ready.");
            return 0;
        }
        catch (Exception ex) when (ex is ModelDownloadException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            bar.Finish();
            await error.WriteLineAsync(ex is OperationCanceledException ? "Cancelled; run the same command again to resume." : ex.Message);
            return 1;
        }
    }

    private async Task<int> VerifyAsync(string? name, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var entries = name is null ? catalog.Manifest.Models : catalog.Find(name) is { } one ? [one] : [];
        if (entries.Count == 0)
        {
            await error.WriteLineAsync(name is null ? "The manifest lists no models." : $"Unknown model '{name}'.");
            return 2;
        }

        var bad = 0;
        foreach (var entry in entries)
        {
            if (name is null && catalog.GetStatus(entry).State == ModelAvailabilityState.NotDownloaded)
            {
                await output.WriteLineAsync($"{entry.Name}: not downloaded");
                continue;
            }

            foreach (var check in await catalog.VerifyAsync(entry, cancellationToken))
            {
                var word = check.State switch
                {
                    ModelFileState.Valid => "OK",
                    ModelFileState.Unverified => "UNVERIFIED",
                    ModelFileState.Missing => "MISSING",
                    _ => "BAD",
                };
                bad += check.IsUsable ? 0 : 1;
                await output.WriteLineAsync($"{entry.Name}/{check.Path}: {word} ({check.Detail})");
            }
        }

        return bad == 0 ? 0 : 1;
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync("usage: models list | models pull NAME | models verify [NAME]");
        return 2;
    }

    internal static string FormatBytes(long bytes) => bytes switch
    {
        <= 0 => "?",
        < 1 << 20 => $"{bytes / 1024.0:0.0} KiB",
        < 1 << 30 => $"{bytes / 1048576.0:0.0} MiB",
        _ => $"{bytes / 1073741824.0:0.00} GiB",
    };

    /// <summary>A one-line text progress bar redrawn with a carriage return.</summary>
    private sealed class ProgressBar(TextWriter output) : IProgress<ModelDownloadProgress>
    {
        private const int Width = 30;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private bool _drawn;

        public void Report(ModelDownloadProgress value)
        {
            if (value.BytesDone <= 0 && value.Percent is null)
            {
                return;
            }

            lock (_gate)
            {
                var rate = value.BytesDone / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
                string line;
                if (value.Percent is { } percent)
                {
                    var filled = (int)(percent / 100 * Width);
                    line = string.Create(CultureInfo.InvariantCulture,
                        $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {percent,5:0.0}%  {FormatBytes(value.BytesDone)} / {FormatBytes(value.TotalBytes)}  {FormatBytes((long)rate)}/s   ");
                }
                else
                {
                    line = $"\r{FormatBytes(value.BytesDone)}  {FormatBytes((long)rate)}/s   ";
                }

                output.Write(line);
                _drawn = true;
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_drawn)
                {
                    output.WriteLine();
                    _drawn = false;
                }
            }
        }
    }
}
