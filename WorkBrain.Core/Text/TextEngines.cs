using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Engines.Pooled;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Core.Text;

/// <summary>The text short keys: <c>TextGeneration:Endpoint/Model/ApiKey</c> are the "remote" engine (type openai),
/// <c>TextGeneration:Local</c> the "local" one (type onnx), <c>TextGeneration:Gguf</c> the "gguf" one (type llamasharp),
/// and <c>TextGeneration:Backend</c> chooses: auto takes the server when an endpoint and model are set, else the GGUF
/// model when one is configured, else the local ONNX model.</summary>
internal sealed class TextShorthand : IEngineShorthand
{
    public const string Remote = "remote";
    public const string Local = "local";
    public const string Gguf = GgufChatModelProvider.KindName;

    public string Capability => EngineCapability.Text;

    public string NotConfiguredDetail =>
        "No text model configured: set TextGeneration:Endpoint and TextGeneration:Model to an OpenAI-compatible server, or pull a local model (dotnet run --project WorkBrain.Web -- models pull qwen2.5-0.5b-instruct) and set TextGeneration:Backend to local.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TextGenerationOptions.Section);
        var o = section.Get<TextGenerationOptions>() ?? new TextGenerationOptions();
        var gguf = configuration.GetSection(GgufEngineOptions.Section);
        return (
            [
                new EngineDefinition(Capability, Remote, OpenAiEngineFactory<IChatClient>.TypeName, section),
                new EngineDefinition(Capability, Local, OnnxChatEngineFactory.TypeName, configuration.GetSection(LocalTextModelOptions.Section)),
                new EngineDefinition(Capability, Gguf, GgufChatEngineFactory.TypeName, gguf),
            ],
            Choose(o, hasGguf: !string.IsNullOrWhiteSpace(gguf["Path"]) || !string.IsNullOrWhiteSpace(gguf["ModelName"])));
    }

    private static string Choose(TextGenerationOptions o, bool hasGguf)
    {
        if (o.Backend == Gguf)
        {
            return Gguf;
        }

        var wanted = BackendChoice.Resolve(o.Backend, o.HasRemote);
        return wanted == BackendChoice.Local && o.Backend != BackendChoice.Local && hasGguf ? Gguf : wanted;
    }
}

/// <summary>Type "onnx" for text: the in-process ONNX decoder LLM, a models.json entry or a folder
/// (<see cref="LocalTextModelOptions"/>), loaded on first use.</summary>
internal sealed class OnnxChatEngineFactory : IEngineFactory
{
    public const string TypeName = "onnx";

    public string Capability => EngineCapability.Text;

    public string Type => TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services) => new LocalChatModelProvider(
        Options.Create(definition.Bind<LocalTextModelOptions>()),
        services.GetRequiredService<IOptions<ModelsOptions>>(),
        services.GetRequiredService<ModelCatalog>(),
        services.GetRequiredService<ILogger<LocalChatModelProvider>>(),
        definition,
        services.GetService<OnnxSessionFactory>());
}

/// <summary>Type "openai" for text: one OpenAI-compatible server, or a pool over several when the section lists
/// <c>Endpoints</c> (least busy, health checks, retries; see <see cref="EnginePoolFactory"/>).</summary>
internal sealed class RemoteChatEngineFactory(EnginePoolRegistry pools) : IEngineFactory
{
    private readonly OpenAiEngineFactory<IChatClient> _single = new((client, model) => client.GetChatClient(model).AsIChatClient());

    public string Capability => EngineCapability.Text;

    public string Type => OpenAiEngineFactory<IChatClient>.TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var o = definition.Settings.Get<TextGenerationOptions>() ?? new TextGenerationOptions();
        if (o.Endpoints.Count == 0)
        {
            return _single.Create(definition, services);
        }

        var settings = definition.Bind<RemoteEngineSettings>();
        if (string.IsNullOrWhiteSpace(settings.Endpoint))
        {
            settings.Endpoint = definition.Settings["Endpoints:0:Url"];
        }
        return new OpenAiEngine<IChatClient>(definition, settings, (_, _) =>
            EnginePoolFactory.Create(ExpertIds.TextGeneration, EnginePoolFactory.Endpoints(o.Endpoint, o.ApiKey, o.Endpoints), o.Model, o.Pool, pools));
    }
}
