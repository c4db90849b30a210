using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;

namespace WorkBrain.Tests.Core.Models;

public sealed class ModelDownloaderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbrain-dl-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileServer _server = new();
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(300_000);

    private ModelDownloader CreateDownloader() => new(Options.Create(new ModelsOptions { Directory = _root }));

    private string Target => Path.Combine(_root, "tiny", "weights.bin");

    private ModelEntry Entry(string sha, params string[] sources) => new("tiny", "text_generation", "bin", "tiny", "MIT", "test",
        [new ModelFile("weights.bin", _content.Length, sha, sources)]);

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_content));

    [Fact]
    public async Task Download_ValidSource_WritesVerifiedFileAndReportsProgress()
    {
        _server.Serve("w", _content);
        using var downloader = CreateDownloader();
        var reports = new List<ModelDownloadProgress>();

        await downloader.DownloadAsync(Entry(Sha, _server.Url("w")), new Progress(reports.Add));

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        Assert.False(File.Exists(Target + ".part"));
        Assert.Equal(100.0, reports[^1].Percent);
    }

    [Fact]
    public async Task Download_ChecksumMismatch_FailsAndLeavesNothingLookingValid()
    {
        _server.Serve("w", _content);
        using var downloader = CreateDownloader();

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(Entry(new string('0', 64), _server.Url("w"))));

        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".part"));
    }

    [Fact]
    public async Task Download_ConnectionCutHalfway_NextSourceResumesWithRange()
    {
        _server.Serve("a", _content);
        _server.Serve("b", _content);
        _server.CutOnce.Add("a");
        using var downloader = CreateDownloader();

        await downloader.DownloadAsync(Entry(Sha, _server.Url("a"), _server.Url("b")));

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        var resumed = Assert.Single(_server.Requests, r => r.Path == "b");
        Assert.NotNull(resumed.Range);
        Assert.NotEqual("bytes=0-", resumed.Range);
    }

    [Fact]
    public async Task Download_CutThenRetried_ResumesFromPartFile()
    {
        _server.Serve("a", _content);
        _server.CutOnce.Add("a");
        using var downloader = CreateDownloader();

        await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(Entry(Sha, _server.Url("a"))));
        Assert.False(File.Exists(Target));
        var partial = new FileInfo(Target + ".part").Length;
        Assert.InRange(partial, 1, _content.Length - 1);

        await downloader.DownloadAsync(Entry(Sha, _server.Url("a")));

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
        Assert.Equal($"bytes={partial}-", _server.Requests[^1].Range);
    }

    [Fact]
    public async Task Download_NoNetwork_ClearErrorAndNoFile()
    {
        var unreachable = $"http://127.0.0.1:{LocalFileServer.FreePort()}/w";
        using var downloader = CreateDownloader();

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(Entry(Sha, unreachable)));

        Assert.Contains("network", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Target));
    }

    [Fact]
    public async Task Download_FirstSourceMissing_TriesNextSource()
    {
        _server.Serve("b", _content);
        using var downloader = CreateDownloader();

        await downloader.DownloadAsync(Entry(Sha, _server.Url("missing"), _server.Url("b")));

        Assert.Equal(_content, await File.ReadAllBytesAsync(Target));
    }

    [Fact]
    public async Task Download_PartlyPinnedEntry_TakesTheUnpinnedFileButRefusesAWrongPinnedOne()
    {
        var loose = RandomNumberGenerator.GetBytes(1_000);
        var wrong = (byte[])_content.Clone();
        wrong[^1] ^= 0xff;
        _server.Serve("loose", loose);
        _server.Serve("w", wrong);
        var entry = new ModelEntry("tiny", "text_generation", "bin", "tiny", "MIT", "test",
        [
            new ModelFile("loose.json", 0, "", [_server.Url("loose")]),
            new ModelFile("weights.bin", _content.Length, Sha, [_server.Url("w")]),
        ]);
        using var downloader = CreateDownloader();
        var reports = new List<ModelDownloadProgress>();

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => downloader.DownloadAsync(entry, new Progress(reports.Add)));

        Assert.Contains("checksum mismatch", ex.Message, StringComparison.Ordinal);
        Assert.Equal(loose, await File.ReadAllBytesAsync(Path.Combine(_root, "tiny", "loose.json")));
        Assert.False(File.Exists(Target));
        Assert.All(reports, r => Assert.Null(r.Percent));
    }

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private sealed class Progress(Action<ModelDownloadProgress> report) : IProgress<ModelDownloadProgress>
    {
        public void Report(ModelDownloadProgress value) => report(value);
    }
}
