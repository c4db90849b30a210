using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Tests.Core.Models;

namespace WorkBrain.Tests.Core.Text.Gguf;

/// <summary>A GGUF manifest entry pulled (sha256-checked) and loaded on first use, then unloaded.</summary>
public sealed class GgufChatModelProviderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbrain-gguf-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileServer _server = new();
    private readonly List<IDisposable> _owned = [];

    private async Task<(GgufChatModelProvider Provider, ModelCatalog Catalog)> CreateAsync(bool pullOnFirstUse)
    {
        Directory.CreateDirectory(_root);
        var bytes = await File.ReadAllBytesAsync(await TinyGguf.ChainAsync());
        _server.Serve("tiny-chain-q4.gguf", bytes);
        var file = new ModelFile("tiny-chain-q4.gguf", bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), [_server.Url("tiny-chain-q4.gguf")]);
        var manifestPath = Path.Combine(_root, "models.json");
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(new ModelManifest([new ModelEntry("tiny-gguf", "text_generation", "gguf", "llm/tiny-gguf", "MIT", "test", [file])]), ModelManifest.Json));
        var models = Options.Create(new ModelsOptions { Directory = _root, Manifest = manifestPath, PullOnFirstUse = pullOnFirstUse });
        var downloader = new ModelDownloader(models);
        var catalog = new ModelCatalog(downloader, models);
        var provider = new GgufChatModelProvider(Options.Create(new GgufEngineOptions { ModelName = "tiny-gguf" }), models, catalog, NullLogger<GgufChatModelProvider>.Instance);
        _owned.Add(downloader);
        _owned.Add(provider);
        return (provider, catalog);
    }

    [Fact]
    public async Task Status_NotDownloaded_TellsHowToPull()
    {
        var (provider, _) = await CreateAsync(pullOnFirstUse: false);

        Assert.Equal(ExpertState.NotDownloaded, provider.GetStatus().State);
        Assert.Contains("models pull tiny-gguf", provider.GetStatus().Detail, StringComparison.Ordinal);
        Assert.Null(await provider.GetClientAsync());
    }

    [Fact]
    public async Task PullOnFirstUse_DownloadsLoadsAnswersAndUnloads()
    {
        var (provider, catalog) = await CreateAsync(pullOnFirstUse: true);

        var client = await provider.GetClientAsync();

        Assert.NotNull(client);
        Assert.Equal(ModelAvailabilityState.Ready, catalog.GetStatus("tiny-gguf").State);
        Assert.Equal(TinyGguf.Chain, (await client.GetResponseAsync([new ChatMessage(ChatRole.User, "the")])).Text);
        var status = provider.GetStatus();
        Assert.Equal(ExpertState.Ready, status.State);
        Assert.Equal("CPU", status.Device);
        Assert.True(status.MemoryBytes > 0);
        Assert.Contains("1 requests", status.Detail, StringComparison.Ordinal);

        await provider.UnloadAsync();

        Assert.False(provider.IsLoaded);
        Assert.Contains("downloaded, loads on first use", provider.GetStatus().Detail, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        foreach (var o in _owned)
        {
            o.Dispose();
        }

        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }
}
