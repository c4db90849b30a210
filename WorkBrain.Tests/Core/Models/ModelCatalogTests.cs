using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Models;

namespace WorkBrain.Tests.Core.Models;

public sealed class ModelCatalogTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbrain-cat-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileServer _server = new();
    private readonly byte[] _content = RandomNumberGenerator.GetBytes(200_000);

    private (ModelCatalog Catalog, ModelDownloader Downloader) Create(string sha)
    {
        Directory.CreateDirectory(_root);
        var manifest = new ModelManifest([new ModelEntry("tiny", "text_generation", "bin", "tiny", "MIT", "test",
            [new ModelFile("w.bin", _content.Length, sha, [_server.Url("w")])])]);
        var manifestPath = Path.Combine(_root, "models.json");
        File.WriteAllText(manifestPath, JsonSerializer.Serialize(manifest, ModelManifest.Json));
        var options = Options.Create(new ModelsOptions { Directory = _root, Manifest = manifestPath });
        var downloader = new ModelDownloader(options);
        return (new ModelCatalog(downloader, options), downloader);
    }

    [Fact]
    public async Task Pull_ValidModel_GoesFromNotDownloadedThroughDownloadingToReady()
    {
        _server.Serve("w", _content);
        var (catalog, downloader) = Create(Convert.ToHexStringLower(SHA256.HashData(_content)));
        using var _ = downloader;
        var seen = new List<ModelAvailability>();
        using var subscription = catalog.Subscribe(seen.Add);
        Assert.Equal(ModelAvailabilityState.NotDownloaded, catalog.GetStatus("tiny").State);

        var result = await catalog.PullAsync("tiny");

        Assert.Equal(ModelAvailabilityState.Ready, result.State);
        Assert.Contains(seen, s => s.State == ModelAvailabilityState.Downloading);
        Assert.Equal(ModelAvailabilityState.Ready, seen[^1].State);
        Assert.All(await catalog.VerifyAsync(catalog.Find("tiny")!), c => Assert.Equal(ModelFileState.Valid, c.State));
    }

    [Fact]
    public async Task Pull_ChecksumMismatch_StatusFailedWithReason()
    {
        _server.Serve("w", _content);
        var (catalog, downloader) = Create(new string('a', 64));
        using var _ = downloader;

        await Assert.ThrowsAsync<ModelDownloadException>(() => catalog.PullAsync("tiny"));

        var status = catalog.GetStatus("tiny");
        Assert.Equal(ModelAvailabilityState.Failed, status.State);
        Assert.Contains("checksum", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelsCommand_PullThenList_ShowsProgressBarAndReady()
    {
        _server.Serve("w", _content);
        var (catalog, downloader) = Create(Convert.ToHexStringLower(SHA256.HashData(_content)));
        using var _ = downloader;
        var command = new ModelsCommand(catalog);
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(0, await command.RunAsync(["pull", "tiny"], TextReader.Null, output, error, CancellationToken.None));
        Assert.Equal(0, await command.RunAsync(["list"], TextReader.Null, output, error, CancellationToken.None));
        Assert.Equal(0, await command.RunAsync(["verify", "tiny"], TextReader.Null, output, error, CancellationToken.None));

        var text = output.ToString();
        Assert.Contains("100.0%", text, StringComparison.Ordinal);
        Assert.Contains("ready", text, StringComparison.Ordinal);
        Assert.Contains("tiny/w.bin: OK", text, StringComparison.Ordinal);
        Assert.Contains($"Models folder: {catalog.RootDirectory}", text, StringComparison.Ordinal);
        Assert.Contains($"Pulling tiny into {Path.Combine(catalog.RootDirectory, catalog.Find("tiny")!.Directory)}", text, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _server.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
