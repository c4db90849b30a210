using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text;
using WorkBrain.Core.Text.Local;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Core.Models;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Text.Local;

public sealed class LocalChatModelProviderTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbrain-local-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileServer _server = new();
    private readonly List<IDisposable> _owned = [];

    private async Task<(LocalChatModelProvider Provider, ModelCatalog Catalog)> CreateAsync(bool pullOnFirstUse, string? path = null)
    {
        Directory.CreateDirectory(_root);
        var tiny = await TinyLlm.RandomAsync();
        var files = new List<ModelFile>();
        foreach (var file in Directory.EnumerateFiles(tiny, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".txt", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(tiny, file).Replace('\\', '/');
            var bytes = await File.ReadAllBytesAsync(file);
            _server.Serve(relative, bytes);
            files.Add(new ModelFile(relative, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), [_server.Url(relative)]));
        }

        var manifestPath = Path.Combine(_root, "models.json");
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(new ModelManifest([new ModelEntry("tiny-llm", "text_generation", "onnx-decoder", "llm/tiny", "MIT", "test", files)]), ModelManifest.Json));
        var models = Options.Create(new ModelsOptions { Directory = _root, Manifest = manifestPath, PullOnFirstUse = pullOnFirstUse });
        var downloader = new ModelDownloader(models);
        var catalog = new ModelCatalog(downloader, models);
        var provider = new LocalChatModelProvider(
            Options.Create(new LocalTextModelOptions { ModelName = "tiny-llm", Path = path, ExecutionProvider = "auto" }),
            models, catalog, NullLogger<LocalChatModelProvider>.Instance);
        _owned.Add(downloader);
        _owned.Add(provider);
        return (provider, catalog);
    }

    [Fact]
    public async Task GetStatus_NotDownloaded_TellsHowToPull()
    {
        var (provider, _) = await CreateAsync(pullOnFirstUse: false);

        var status = provider.GetStatus();

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Contains("models pull tiny-llm", status.Detail, StringComparison.Ordinal);
        Assert.Null(await provider.GetClientAsync());
    }

    [Fact]
    public async Task GetChatClient_PullOnFirstUse_DownloadsLoadsAndReportsDevice()
    {
        var (provider, catalog) = await CreateAsync(pullOnFirstUse: true);

        var client = await provider.GetClientAsync();

        Assert.NotNull(client);
        Assert.Equal(ModelAvailabilityState.Ready, catalog.GetStatus("tiny-llm").State);
        var status = provider.GetStatus();
        Assert.Equal(ExpertState.Ready, status.State);
        Assert.Equal("CPU", status.Device);
        Assert.Contains("MiB", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextGenerationExpert_LocalBackend_StreamsTextFromTheGeneratedModel()
    {
        var (provider, _) = await CreateAsync(pullOnFirstUse: false, path: await TinyLlm.ChainAsync());
        var options = Options.Create(new TextGenerationOptions { Backend = "local", MaxOutputTokens = 9, Temperature = 0 });
        var expert = new TextGenerationExpert(TestEngines.SelectEngine(provider), options);

        var deltas = new List<string>();
        ExpertUsage? usage = null;
        await foreach (var e in expert.RunAsync(ExpertRequest.For(Turn.FromText("你好"), "你好")))
        {
            if (e is ExpertUsage u)
            {
                usage = u;
                continue;
            }

            deltas.Add(Assert.IsType<TextDelta>(e).Text);
        }

        var chain = await File.ReadAllTextAsync(Path.Combine(await TinyLlm.ChainAsync(), "chain.txt"));
        Assert.Equal(chain[..3], string.Concat(deltas));

        // The engine's own count: nine byte-level tokens for three characters, whatever the number of text pieces.
        Assert.Equal(9, usage?.OutputTokens);
        Assert.True(usage?.InputTokens > 0);
        Assert.Equal(ExpertState.Ready, expert.GetStatus().State);
    }

    [Fact]
    public async Task Unload_WhileGenerating_WaitsThenReloadsOnNextUse()
    {
        var (provider, _) = await CreateAsync(pullOnFirstUse: false, path: await TinyLlm.ChainAsync());
        var first = (OnnxChatClient)(await provider.GetClientAsync())!;
        var running = first.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")], new Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 40, Temperature = 0 });

        await provider.UnloadAsync();

        Assert.Equal(40, (await running).Usage?.OutputTokenCount);
        Assert.Null(provider.Loaded);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "hi")]));
        var second = await provider.GetClientAsync();
        Assert.NotSame(first, second);
        Assert.Equal(ExpertState.Ready, provider.GetStatus().State);
    }

    public void Dispose()
    {
        foreach (var d in _owned)
        {
            d.Dispose();
        }

        _server.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
