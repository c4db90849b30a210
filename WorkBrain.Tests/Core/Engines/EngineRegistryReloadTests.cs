using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Hosting;
using WorkBrain.Web.Setup;

namespace WorkBrain.Tests.Core.Engines;

/// <summary>The registry follows configuration changes (settings saved on /admin) without a restart, rebuilding only
/// the engines whose definition changed.</summary>
public sealed class EngineRegistryReloadTests
{
    private static (IHost Host, SavedSettingsConfiguration Saved) Build(string json)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "wb-engines-" + Guid.NewGuid().ToString("N")),
        });
        var saved = new SavedSettingsConfiguration();
        builder.Configuration.Sources.Add(saved);
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        return (builder.Build(), saved);
    }

    [Fact]
    public void Reload_SavedEngineBecomesDefault_SelectedAtOnceAndUnchangedEnginesKept()
    {
        var (host, saved) = Build("""{ "TextGeneration": { "Endpoint": "http://127.0.0.1:9/v1", "Model": "boot" } }""");
        using var _ = host;
        var registry = host.Services.GetRequiredService<EngineRegistry>();
        var remote = registry.Selected(EngineCapability.Text)!;
        var local = registry.Find(EngineCapability.Text, "local")!;

        saved.Replace(new Dictionary<string, string?>
        {
            ["Engines:Text:setup:Type"] = "openai",
            ["Engines:Text:setup:Endpoint"] = "http://127.0.0.1:10/v1",
            ["Engines:Text:setup:Model"] = "saved",
            ["Engines:Default:Text"] = "setup",
        });

        var selected = Assert.IsType<OpenAiEngine<Microsoft.Extensions.AI.IChatClient>>(registry.Selected(EngineCapability.Text));
        Assert.Equal(("setup", "saved"), (selected.Definition.Name, selected.Settings.Model));
        Assert.Same(local, registry.Find(EngineCapability.Text, "local"));
        Assert.Same(remote, registry.Find(EngineCapability.Text, "remote"));

        saved.Replace(new Dictionary<string, string?>());

        Assert.Same(remote, registry.Selected(EngineCapability.Text));
        Assert.Null(registry.Find(EngineCapability.Text, "setup"));
    }

    [Fact]
    public void Reload_ChangedDefinition_RebuildsThatEngine()
    {
        var (host, saved) = Build("""{ "Engines": { "Text": { "a": { "Type": "openai", "Endpoint": "http://127.0.0.1:9/v1", "Model": "one" } } } }""");
        using var _ = host;
        var registry = host.Services.GetRequiredService<EngineRegistry>();
        var before = registry.Selected(EngineCapability.Text)!;

        saved.Replace(new Dictionary<string, string?> { ["Engines:Text:a:Model"] = "two" });

        var after = Assert.IsType<OpenAiEngine<Microsoft.Extensions.AI.IChatClient>>(registry.Selected(EngineCapability.Text));
        Assert.NotSame(before, after);
        Assert.Equal("two", after.Settings.Model);
    }
}
