using System.Security.Cryptography;
using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Tts;
using WorkBrain.Tests.Core.Models;
using WorkBrain.Tests.Core.Speech.Tts;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

/// <summary>The speech-synthesis engines (a Piper voice from the manifest, espeak-ng) are pulled, loaded and unloaded
/// from the /admin models table like every other local engine, and a Piper voice is pulled on first use: engines from
/// the production composition root, a generated voice served as its manifest entry's download.</summary>
public sealed class VoiceEnginesAdminTests : BunitTestBase, IDisposable
{
    private const string Entry = "piper-tiny-en";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "workbrain-voices-" + Guid.NewGuid().ToString("N"));
    private readonly LocalFileServer _server = new();
    private IHost? _host;

    /// <summary>A host whose manifest has the tiny English voice as <see cref="Entry"/>, not yet downloaded.</summary>
    private async Task<(EngineRegistry Registry, ModelCatalog Catalog)> HostWithManifestVoiceAsync(string backend, bool pullOnFirstUse)
    {
        Directory.CreateDirectory(_root);
        var voice = await TtsTestHost.TinyVoiceAsync("en-us");
        var files = new List<ModelFile>();
        foreach (var path in new[] { voice, voice + ".json" })
        {
            var bytes = await File.ReadAllBytesAsync(path);
            var name = Path.GetFileName(path);
            _server.Serve(name, bytes);
            files.Add(new ModelFile(name, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), [_server.Url(name)]));
        }

        var manifest = Path.Combine(_root, "models.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new ModelManifest([new ModelEntry(Entry, "tts", "piper", "piper", "MIT", "test voice", files)]), ModelManifest.Json));
        _host = EngineHost.Build(new()
        {
            ["Models:Directory"] = _root,
            ["Models:Manifest"] = manifest,
            ["Models:PullOnFirstUse"] = pullOnFirstUse ? "true" : "false",
            ["Tts:Backend"] = backend,
            ["Tts:PiperVoices:0"] = "piper/" + Path.GetFileName(voice),
        });
        var catalog = _host.Services.GetRequiredService<ModelCatalog>();
        Context.Services.AddSingleton(catalog);
        return (_host.Services.GetRequiredService<EngineRegistry>(), catalog);
    }

    private static ModelRow Row(ModelCatalog catalog, EngineRegistry registry, string name) =>
        ModelRow.ForAll(catalog, registry.All.OfType<ILocalEngine>()).Single(r => r.Name == name);

    [Fact]
    public async Task PiperVoice_PullLoadSpeakUnload_FromItsManifestRow()
    {
        var (registry, catalog) = await HostWithManifestVoiceAsync("piper", pullOnFirstUse: false);
        var engine = Assert.IsAssignableFrom<ILocalEngine>(registry.Find("TextToSpeech", "piper"));
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, [Row(catalog, registry, Entry)]));
        Assert.Same(engine, Row(catalog, registry, Entry).Engine);
        Assert.Contains($"models pull {Entry}", Row(catalog, registry, Entry).Local!.Detail, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=load]"));

        await cut.ClickAsync("[data-testid=pull]");
        cut.WaitForAssertion(() => Assert.Equal(ModelAvailabilityState.Ready, catalog.GetStatus(Entry).State), TimeSpan.FromSeconds(30));
        cut.Render(p => p.Add(t => t.Rows, [Row(catalog, registry, Entry)]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=load]");
        cut.WaitForAssertion(() => Assert.True(engine.IsLoaded), TimeSpan.FromSeconds(60));
        cut.Render(p => p.Add(t => t.Rows, [Row(catalog, registry, Entry)]));
        Assert.Equal("ready · loaded", cut.Find("[data-testid=model-state]").TextContent);
        Assert.Equal("CPU", cut.Find("[data-testid=model-row] td:nth-child(6)").TextContent);
        var clip = await _host!.Services.GetRequiredService<SpeechSynthesizer>().SynthesizeAsync("Hello world.");
        Assert.Equal(16000, clip.SampleRate);

        await cut.ClickAsync("[data-testid=unload]");
        cut.WaitForAssertion(() => Assert.False(engine.IsLoaded), TimeSpan.FromSeconds(30));
        cut.Render(p => p.Add(t => t.Rows, [Row(catalog, registry, Entry)]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);
    }

    [Fact]
    public async Task PiperVoice_PullOnFirstUse_DownloadsAndSpeaksWithIt()
    {
        var (registry, catalog) = await HostWithManifestVoiceAsync("auto", pullOnFirstUse: true);
        Assert.Equal("espeak-ng", registry.Find("TextToSpeech", "piper")!.GetStatus().Backend);

        var clip = await _host!.Services.GetRequiredService<SpeechSynthesizer>().SynthesizeAsync("Hello world.");

        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(ModelAvailabilityState.Ready, catalog.GetStatus(Entry).State);
        Assert.True(Row(catalog, registry, Entry).Loaded);
        Assert.Equal("Piper ONNX", registry.Find("TextToSpeech", "piper")!.GetStatus().Backend);
    }

    [Fact]
    public async Task Espeak_LoadThenUnload_FromItsOwnRow()
    {
        var (registry, catalog) = await HostWithManifestVoiceAsync("espeak", pullOnFirstUse: false);
        var engine = Assert.IsAssignableFrom<ILocalEngine>(registry.Find("TextToSpeech", "espeak"));
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, [Row(catalog, registry, "espeak-ng")]));
        Assert.Same(engine, Row(catalog, registry, "espeak-ng").Engine);
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=load]");
        cut.WaitForAssertion(() => Assert.True(engine.IsLoaded), TimeSpan.FromSeconds(30));
        var clip = await _host!.Services.GetRequiredService<SpeechSynthesizer>().SynthesizeAsync("你好 world.");
        Assert.Equal(22050, clip.SampleRate);
        cut.Render(p => p.Add(t => t.Rows, [Row(catalog, registry, "espeak-ng")]));
        Assert.Equal("ready · loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=unload]");
        cut.WaitForAssertion(() => Assert.False(engine.IsLoaded), TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _host?.Dispose();
        _server.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
