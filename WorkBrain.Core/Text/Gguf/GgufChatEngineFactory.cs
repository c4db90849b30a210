using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>Type "llamasharp" for text: a GGUF chat model in process (<see cref="GgufEngineOptions"/>), loaded on first use.</summary>
internal sealed class GgufChatEngineFactory : IEngineFactory
{
    public const string TypeName = "llamasharp";

    public string Capability => EngineCapability.Text;

    public string Type => TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services) => new GgufChatModelProvider(
        Options.Create(definition.Bind<GgufEngineOptions>()),
        services.GetRequiredService<IOptions<ModelsOptions>>(),
        services.GetRequiredService<ModelCatalog>(),
        services.GetRequiredService<ILogger<GgufChatModelProvider>>(),
        definition);
}
