using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Tests.Core.Engines;

/// <summary>The registry as the real composition root builds it (AddWorkBrainEngine), from configuration only.</summary>
public sealed class EngineRegistryTests
{
    private static IHost Build(string json)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "wb-engines-" + Guid.NewGuid().ToString("N")),
        });
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder); // the document store's database
        return builder.Build();
    }

    private static IExpert Expert(IHost host, string id) => host.Services.GetServices<IExpert>().Single(e => e.Id == id);

    [Fact]
    public async Task OldAppSettings_TextGenerationEndpoint_IsTheSelectedOpenAiEngine()
    {
        using var host = Build("""
            { "TextGeneration": { "Backend": "auto", "Endpoint": "http://127.0.0.1:9/v1", "Model": "qwen2.5:7b", "ApiKey": "", "TimeoutSeconds": 5 } }
            """);
        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();

        Assert.Equal(("remote", "openai"), (text.Current!.Definition.Name, text.Current.Definition.Type));
        var status = Expert(host, ExpertIds.TextGeneration).GetStatus();
        Assert.Equal((ExpertState.Ready, "remote server", "qwen2.5:7b · http://127.0.0.1:9/v1"), (status.State, status.Backend, status.Detail));
        var client = await text.GetRequiredClientAsync();
        Assert.NotNull(client.GetService<OpenTelemetryChatClient>());
        Assert.Equal("qwen2.5:7b", client.GetService<ChatClientMetadata>()?.DefaultModelId);
    }

    [Fact]
    public void OldAppSettings_NoEndpoint_IsTheLocalOnnxEngine()
    {
        using var host = Build("""{ "TextGeneration": { "Backend": "auto", "Endpoint": "", "Model": "" } }""");
        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();

        Assert.Equal(("local", "onnx"), (text.Current!.Definition.Name, text.Current.Definition.Type));
        Assert.True(text.Current.InProcess);
        Assert.IsAssignableFrom<ILocalEngine>(text.Current);
    }

    [Fact]
    public void OldAppSettings_GgufPathAndNoServer_IsTheSelectedLlamaSharpEngine()
    {
        using var host = Build("""{ "TextGeneration": { "Backend": "auto", "Gguf": { "Path": "/models/qwen.gguf" } } }""");
        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();

        Assert.Equal(("gguf", "llamasharp"), (text.Current!.Definition.Name, text.Current.Definition.Type));
        Assert.Contains("TextGeneration:Gguf:Path", text.GetStatus().Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void OldAppSettings_BackendRemoteWithoutEndpoint_SaysWhichKeysToSet()
    {
        using var host = Build("""{ "TextGeneration": { "Backend": "remote" } }""");

        var status = Expert(host, ExpertIds.TextGeneration).GetStatus();

        Assert.Equal(ExpertState.NotConfigured, status.State);
        Assert.Contains("TextGeneration:Endpoint and TextGeneration:Model", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void NamedEngines_DefaultNamesOne_ItIsSelectedAndEachIsAKeyedService()
    {
        using var host = Build("""
            {
              "TextGeneration": { "Endpoint": "http://127.0.0.1:9/v1", "Model": "short-key-model" },
              "Engines": {
                "Default": { "Text": "vllm" },
                "Text": {
                  "ollama": { "Type": "openai", "Endpoint": "http://127.0.0.1:11434/v1", "Model": "qwen2.5:7b" },
                  "vllm": { "Type": "OpenAI", "Endpoint": "http://127.0.0.1:8000/v1", "Model": "Qwen/Qwen2.5-7B-Instruct", "ApiKey": "k" }
                }
              }
            }
            """);

        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();
        Assert.Equal("vllm", text.Current!.Definition.Name);
        Assert.Equal("Qwen/Qwen2.5-7B-Instruct · http://127.0.0.1:8000/v1", Expert(host, ExpertIds.TextGeneration).GetStatus().Detail);
        var ollama = host.Services.GetRequiredKeyedService<IEngine<IChatClient>>("ollama");
        Assert.Equal("qwen2.5:7b", ollama.GetStatus().Model);
        var registry = host.Services.GetRequiredService<EngineRegistry>();
        Assert.Equal(["ollama", "vllm", "remote", "local", "gguf"], registry.All.Where(e => e.Definition.Capability == EngineCapability.Text).Select(e => e.Definition.Name));
    }

    [Fact]
    public void NamedEngine_WithoutDefault_IsPreferredOverTheShortKeys()
    {
        using var host = Build("""
            { "Engines": { "Text": { "tiny": { "Type": "onnx", "Path": "/nowhere/tiny" } } } }
            """);

        var status = Expert(host, ExpertIds.TextGeneration).GetStatus();

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Contains("Engines:Text:tiny:Path", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownType_IsAFailedEngineThatNamesTheKnownTypes()
    {
        using var host = Build("""{ "Engines": { "Text": { "x": { "Type": "tensorrt" } } } }""");

        var status = Expert(host, ExpertIds.TextGeneration).GetStatus();

        Assert.Equal(ExpertState.Failed, status.State);
        Assert.Contains("\"tensorrt\"", status.Detail, StringComparison.Ordinal);
        Assert.Contains("openai", status.Detail, StringComparison.Ordinal);
        Assert.Contains("onnx", status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultNamesAMissingEngine_NoEngineIsChosenAndTheReasonIsShown()
    {
        using var host = Build("""{ "Engines": { "Default": { "Text": "gone" } } }""");
        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();

        Assert.Null(text.Current);
        var error = await Assert.ThrowsAsync<ExpertException>(async () => await text.GetRequiredClientAsync());
        Assert.Contains("Engines:Default:Text names \"gone\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BadEndpoint_IsAFailedEngineNotACrash()
    {
        using var host = Build("""{ "Engines": { "Text": { "bad": { "Type": "openai", "Endpoint": "not a url", "Model": "m" } } } }""");

        var status = Expert(host, ExpertIds.TextGeneration).GetStatus();

        Assert.Equal(ExpertState.Failed, status.State);
        Assert.Contains("not an absolute URL", status.Detail, StringComparison.Ordinal);
    }
}
