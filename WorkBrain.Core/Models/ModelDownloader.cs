using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Models;

/// <summary>
/// Downloads a model's files: each source in turn, into <c>FILE.part</c> with HTTP Range resume, then checks the size and
/// sha256 and only then renames the file into place, so that nothing half-written ever looks valid.
/// </summary>
public sealed partial class ModelDownloader : IDisposable
{
    internal const string PartSuffix = ".part";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient _http;
    private readonly IOptions<ModelsOptions> _options;
    private readonly ILogger<ModelDownloader> _logger;

    public ModelDownloader(IOptions<ModelsOptions> options, ILogger<ModelDownloader>? logger = null)
        : this(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15), AutomaticDecompression = DecompressionMethods.None }, options, logger)
    {
    }

    internal ModelDownloader(HttpMessageHandler handler, IOptions<ModelsOptions> options, ILogger<ModelDownloader>? logger = null)
    {
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("WorkBrain", "1.0"));
        _options = options;
        _logger = logger ?? NullLogger<ModelDownloader>.Instance;
    }

    /// <summary>How long a read may stall before the source is given up.</summary>
    internal TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Downloads every missing or invalid file of <paramref name="entry"/>; files already valid are kept.</summary>
    public async Task DownloadAsync(ModelEntry entry, IProgress<ModelDownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var total = entry.TotalSize;
        long done = 0;
        foreach (var file in entry.Files)
        {
            var target = _options.Value.PathOf(entry.Directory, file.Path);
            var existing = await ModelFileHasher.CheckAsync(target, file, hash: !string.IsNullOrWhiteSpace(file.Sha256), cancellationToken);
            if (existing.IsUsable)
            {
                done += existing.Size;
                progress?.Report(new ModelDownloadProgress(entry.Name, file.Path, done, total));
                continue;
            }

            var baseline = done;
            done += await DownloadFileAsync(entry, file, target, b => progress?.Report(new ModelDownloadProgress(entry.Name, file.Path, baseline + b, total)), cancellationToken);
            progress?.Report(new ModelDownloadProgress(entry.Name, file.Path, done, total));
        }
    }

    private async Task<long> DownloadFileAsync(ModelEntry entry, ModelFile file, string target, Action<long> report, CancellationToken cancellationToken)
    {
        if (file.Sources.Count == 0)
        {
            throw new ModelDownloadException($"{entry.Name}: the manifest lists no download source for {file.Path}.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var failures = new List<string>();
        foreach (var source in file.Sources)
        {
            try
            {
                var size = await DownloadFromAsync(new Uri(source), file, target, report, cancellationToken);
                LogDownloaded(_logger, entry.Name, file.Path, source, size);
                return size;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or ModelDownloadException or OperationCanceledException or UriFormatException)
            {
                var reason = Describe(ex);
                LogSourceFailed(_logger, entry.Name, file.Path, source, reason);
                failures.Add($"{new Uri(source).Host}: {reason}");
            }
        }

        var offline = failures.Count > 0 && failures.All(f => f.Contains("cannot connect", StringComparison.Ordinal));
        var advice = offline
            ? "No download source could be reached: check the network connection (or HTTPS_PROXY), or copy the files by hand into " + Path.GetDirectoryName(target)
            : "Every download source failed";
        throw new ModelDownloadException($"Could not download {file.Path} of {entry.Name}. {advice}. ({string.Join("; ", failures)})");
    }

    private async Task<long> DownloadFromAsync(Uri source, ModelFile file, string target, Action<long> report, CancellationToken cancellationToken)
    {
        var part = target + PartSuffix;
        var have = File.Exists(part) ? new FileInfo(part).Length : 0;
        if (file.Size > 0 && have > file.Size)
        {
            File.Delete(part);
            have = 0;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, source);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using (var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0 && have == file.Size)
            {
                // the part file is already complete: fall through to the checks
            }
            else
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new ModelDownloadException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
                }

                var append = have > 0 && response.StatusCode == HttpStatusCode.PartialContent;
                if (!append)
                {
                    have = 0;
                }

                await CopyAsync(response, part, append, have, report, cancellationToken);
            }
        }

        return await PromoteAsync(part, target, file, cancellationToken);
    }

    private async Task CopyAsync(HttpResponseMessage response, string part, bool append, long have, Action<long> report, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var output = new FileStream(part, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        var buffer = new byte[1 << 16];
        var clock = Stopwatch.StartNew();
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            stall.CancelAfter(StallTimeout);
            int read;
            try
            {
                read = await body.ReadAsync(buffer, stall.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModelDownloadException($"no data for {StallTimeout.TotalSeconds:0} s");
            }

            if (read == 0)
            {
                break;
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            have += read;
            if (clock.Elapsed >= ProgressInterval)
            {
                report(have);
                clock.Restart();
            }
        }

        report(have);
    }

    /// <summary>Checks the finished part file and renames it into place; a wrong file is deleted, a short one kept for resuming.</summary>
    private static async Task<long> PromoteAsync(string part, string target, ModelFile file, CancellationToken cancellationToken)
    {
        var size = new FileInfo(part).Length;
        if (file.Size > 0 && size < file.Size)
        {
            throw new ModelDownloadException($"the connection closed after {size} of {file.Size} bytes (the download resumes from there next time)");
        }

        if (file.Size > 0 && size > file.Size)
        {
            File.Delete(part);
            throw new ModelDownloadException($"received {size} bytes, the manifest says {file.Size}");
        }

        if (!string.IsNullOrWhiteSpace(file.Sha256))
        {
            var sha = await ModelFileHasher.Sha256Async(part, cancellationToken);
            if (!string.Equals(sha, file.Sha256.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(part);
                throw new ModelDownloadException($"checksum mismatch: sha256 {sha}, the manifest says {file.Sha256}");
            }
        }

        File.Move(part, target, overwrite: true);
        return size;
    }

    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } h => $"cannot connect ({h.Message})",
        HttpRequestException { InnerException: System.Net.Sockets.SocketException } h => $"cannot connect ({h.Message})",
        OperationCanceledException => "cannot connect (timed out)",
        _ => ex.Message,
    };

    public void Dispose() => _http.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Downloaded {Model}/{File} from {Source} ({Bytes} bytes)")]
    private static partial void LogDownloaded(ILogger logger, string model, string file, string source, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Download of {Model}/{File} from {Source} failed: {Reason}")]
    private static partial void LogSourceFailed(ILogger logger, string model, string file, string source, string reason);
}
