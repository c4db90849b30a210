using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Core.Text.Local;
using WorkBrain.Tests.Core.Text.Local;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

public sealed class ModelTableTests : BunitTestBase, IDisposable
{
    private readonly UnreachableManifest _manifest = new();
    private readonly ModelDownloader _downloader;
    private readonly ModelCatalog _catalog;

    public ModelTableTests()
    {
        var options = Options.Create(_manifest.Options);
        _downloader = new ModelDownloader(options);
        _catalog = new ModelCatalog(_downloader, options);
        Context.Services.AddSingleton(_catalog);
    }

    private List<ModelRow> Rows() => _catalog.GetAll().Select(a => new ModelRow(a, _catalog.Find(a.Name)!.Licence)).ToList();

    [Fact]
    public void Render_ManifestEntries_ShowStateSizeLicenceAndPullButton()
    {
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, Rows()));

        var row = cut.Find($"[data-model={UnreachableManifest.Model}]");
        Assert.Equal("not downloaded", row.QuerySelector("[data-testid=model-state]")!.TextContent);
        Assert.Contains("1.4 MiB", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("MIT", row.TextContent, StringComparison.Ordinal);
        Assert.Contains($"models pull {UnreachableManifest.Model}", row.QuerySelector("[data-testid=model-detail]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("[data-testid=pull]"));
        Assert.Null(row.QuerySelector("[data-testid=load]"));
        Assert.Equal(2, cut.FindAll("[data-testid=model-row]").Count);
    }

    [Fact]
    public async Task Pull_UnreachableSource_CallsTheCatalogAndTheFailureReasonRenders()
    {
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, Rows()));

        await cut.ClickAsync($"[data-model={UnreachableManifest.Model}] [data-testid=pull]");

        cut.WaitForAssertion(() => Assert.Equal(ModelAvailabilityState.Failed, _catalog.GetStatus(UnreachableManifest.Model).State), TimeSpan.FromSeconds(20));
        Assert.Equal(ModelAvailabilityState.NotDownloaded, _catalog.GetStatus(UnreachableManifest.Other).State);
        cut.Render(p => p.Add(t => t.Rows, Rows()));
        var row = cut.Find($"[data-model={UnreachableManifest.Model}]");
        Assert.Equal("failed", row.QuerySelector("[data-testid=model-state]")!.TextContent);
        Assert.Contains("No download source could be reached", row.QuerySelector("[data-testid=model-detail]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector("[data-testid=pull]")); // a failed pull can be retried
    }

    [Fact]
    public void Render_Downloading_ShowsPercentAndNoPullButton()
    {
        ModelRow[] rows = [new(new ModelAvailability("sd-turbo", "image_generation", ModelAvailabilityState.Downloading, 1000, 424, 42.4, "unet/model.onnx"), "Stability AI")];

        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, rows));

        Assert.Equal("downloading 42%", cut.Find("[data-model=sd-turbo] [data-testid=model-state]").TextContent);
        Assert.Empty(cut.FindAll("[data-model=sd-turbo] [data-testid=pull]"));
    }

    [Fact]
    public void Render_ManifestError_IsShown()
    {
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, []).Add(t => t.ManifestError, "The model manifest x.json was not found"));

        Assert.Contains("x.json was not found", cut.Find("[data-testid=manifest-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadThenUnload_LocalTextModel_LoadsAndFreesTheProvidersModel()
    {
        var folder = await TinyLlm.ChainAsync();
        using var provider = new LocalChatModelProvider(
            Options.Create(new LocalTextModelOptions { ModelName = "tiny-llm", Path = folder, ExecutionProvider = "cpu" }),
            Options.Create(_manifest.Options), _catalog, NullLogger<LocalChatModelProvider>.Instance);
        ModelRow Row() => ModelRow.For(new ModelAvailability("tiny-llm", ExpertIds.TextGeneration, ModelAvailabilityState.Ready, 0, 0, 100, ""), "MIT", provider);
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=load]");
        cut.WaitForAssertion(() => Assert.NotNull(provider.Loaded), TimeSpan.FromSeconds(30));
        var loaded = provider.GetStatus();
        Assert.True(loaded.MemoryBytes > 0);
        Assert.Equal(0, loaded.QueueDepth);
        cut.Render(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · loaded", cut.Find("[data-testid=model-state]").TextContent);
        Assert.Equal("CPU", cut.Find("[data-testid=model-row] td:nth-child(6)").TextContent);
        Assert.Matches(@"^\d+(\.\d+)? (KiB|MiB|GiB)$", cut.Find("[data-testid=model-memory]").TextContent.Trim());
        Assert.Equal("0", cut.Find("[data-testid=model-queue]").TextContent);

        await cut.ClickAsync("[data-testid=unload]");
        cut.WaitForAssertion(() => Assert.Null(provider.Loaded), TimeSpan.FromSeconds(30));
        Assert.Null(provider.GetStatus().MemoryBytes);
    }

    [Fact]
    public async Task LoadThenUnload_GgufTextModel_LoadsAndFreesTheModel()
    {
        var file = await WorkBrain.Tests.Core.Text.Gguf.TinyGguf.ChainAsync();
        using var provider = new GgufChatModelProvider(
            Options.Create(new GgufEngineOptions { Path = file, Name = "tiny-chain" }),
            Options.Create(_manifest.Options), _catalog, NullLogger<GgufChatModelProvider>.Instance);
        ModelRow Row() => ModelRow.For(new ModelAvailability("tiny-chain", ExpertIds.TextGeneration, ModelAvailabilityState.Ready, 0, 0, 100, ""), "", provider);
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=load]");
        cut.WaitForAssertion(() => Assert.True(provider.IsLoaded), TimeSpan.FromSeconds(30));
        cut.Render(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · loaded", cut.Find("[data-testid=model-state]").TextContent);
        Assert.Equal("CPU", cut.Find("[data-testid=model-row] td:nth-child(6)").TextContent);
        Assert.Contains("GGUF template, context 512", cut.Find("[data-testid=model-detail]").TextContent, StringComparison.Ordinal);

        await cut.ClickAsync("[data-testid=unload]");
        cut.WaitForAssertion(() => Assert.False(provider.IsLoaded), TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _downloader.Dispose();
        _manifest.Dispose();
    }
}
