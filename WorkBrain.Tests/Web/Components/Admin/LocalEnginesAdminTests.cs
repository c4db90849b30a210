using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Models;
using WorkBrain.Tests.Core.Text.Gguf;
using WorkBrain.Tests.Core.Text.Local;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

/// <summary>Every local engine, whatever its capability, is loaded and unloaded from the /admin models table the same
/// way: the engines come from the production composition root, the rows as the dashboard makes them.</summary>
public sealed class LocalEnginesAdminTests : BunitTestBase, IDisposable
{
    private IHost? _host;

    public static TheoryData<string, string> Engines => new()
    {
        { "Text", "onnx" },
        { "Text", "llamasharp" },
        { "Embeddings", "onnx" },
        { "Embeddings", "llamasharp" },
        { "Images", "onnx" },
    };

    private static async Task<string> ModelPathAsync(string capability, string type) => (capability, type) switch
    {
        ("Text", "onnx") => await TinyLlm.ChainAsync(),
        ("Text", _) => await TinyGguf.ChainAsync(),
        ("Embeddings", "onnx") => await TestModels.GenerateAsync("bge_tiny"),
        ("Embeddings", _) => await TinyGguf.RandomAsync(),
        _ => await TestModels.GenerateAsync("tiny_sd"),
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task LoadThenUnload_EachLocalEngine_FromItsModelRow(string capability, string type)
    {
        _host = EngineHost.Build(new()
        {
            [$"Engines:{capability}:admin-test:Type"] = type,
            [$"Engines:{capability}:admin-test:Path"] = await ModelPathAsync(capability, type),
        });
        var catalog = _host.Services.GetRequiredService<ModelCatalog>();
        Context.Services.AddSingleton(catalog);
        var registry = _host.Services.GetRequiredService<EngineRegistry>();
        var engine = Assert.IsAssignableFrom<ILocalEngine>(registry.Find(capability, "admin-test"));
        ModelRow Row() => ModelRow.ForAll(catalog, registry.All.OfType<ILocalEngine>()).Single(r => r.Engine == engine);
        var cut = Context.Render<ModelTable>(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);

        await cut.ClickAsync("[data-testid=load]");
        cut.WaitForAssertion(() => Assert.True(engine.IsLoaded), TimeSpan.FromSeconds(60));
        cut.Render(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · loaded", cut.Find("[data-testid=model-state]").TextContent);
        Assert.Equal("CPU", cut.Find("[data-testid=model-row] td:nth-child(6)").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=model-error]"));

        await cut.ClickAsync("[data-testid=unload]");
        cut.WaitForAssertion(() => Assert.False(engine.IsLoaded), TimeSpan.FromSeconds(30));
        cut.Render(p => p.Add(t => t.Rows, [Row()]));
        Assert.Equal("ready · not loaded", cut.Find("[data-testid=model-state]").TextContent);
    }

    [Theory]
    [InlineData("Embeddings:Backend", "local", "bge-small-zh-v1.5")]
    [InlineData("Embeddings:Backend", "gguf", "nomic-embed-text-v1.5-gguf")]
    [InlineData("ImageGeneration:Backend", "local", "sd-turbo")]
    public void ShortKeys_DefaultModel_IsAManifestRowThatCanBePulledWithItsEngine(string key, string value, string entry)
    {
        var models = Path.Combine(Path.GetTempPath(), "workbrain-empty-models-" + Guid.NewGuid().ToString("N"));
        _host = EngineHost.Build(new() { [key] = value, ["Models:Directory"] = models, ["Models:Manifest"] = Path.Combine(TestModels.RepositoryRoot, "models", "models.json") });
        var catalog = _host.Services.GetRequiredService<ModelCatalog>();
        var registry = _host.Services.GetRequiredService<EngineRegistry>();

        var row = ModelRow.ForAll(catalog, registry.All.OfType<ILocalEngine>()).Single(r => r.Name == entry);

        Assert.NotNull(row.Engine);
        Assert.Equal(entry, row.Engine.ManifestEntry);
        Assert.Contains($"models pull {entry}", row.Local!.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => _host?.Dispose();
}
