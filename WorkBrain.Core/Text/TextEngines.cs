using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Core.Text;

/// <summary>The text short keys: <c>TextGeneration:Endpoint/Model/ApiKey</c> are the "remote" engine (type openai),
/// <c>TextGeneration:Local</c> the "local" one (type onnx), and <c>TextGeneration:Backend</c> (auto: remote when an
/// endpoint and model are set) chooses between them.</summary>
internal sealed class TextShorthand : IEngineShorthand
{
    public const string Remote = "remote";
    public const string Local = "local";

    public string Capability => EngineCapability.Text;

    public string NotConfiguredDetail =>
        "No text model configured: set TextGeneration:Endpoint and TextGeneration:Model to an OpenAI-compatible server, or pull a local model (dotnet run --project WorkBrain.Web -- models pull qwen2.5-0.5b-instruct) and set TextGeneration:Backend to local.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TextGenerationOptions.Section);
        var o = section.Get<TextGenerationOptions>() ?? new TextGenerationOptions();
        return (
            [
                new EngineDefinition(Capability, Remote, OpenAiEngineFactory<IChatClient>.TypeName, section),
                new EngineDefinition(Capability, Local, OnnxChatEngineFactory.TypeName, configuration.GetSection(LocalTextModelOptions.Section)),
            ],
            BackendChoice.Resolve(o.Backend, o.HasRemote));
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
