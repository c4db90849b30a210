using Microsoft.Extensions.DependencyInjection;

namespace WorkBrain.Core.Engines;

/// <summary>Builds an in-process engine of type <paramref name="type"/> from its definition: the settings bound as
/// <typeparamref name="TSettings"/> (validated), the rest of the engine's constructor from the services.</summary>
public abstract class LocalEngineFactory<TEngine, TSettings>(string capability, string type) : IEngineFactory
    where TEngine : IEngine
    where TSettings : class, new()
{
    public string Capability => capability;

    public string Type => type;

    public IEngine Create(EngineDefinition definition, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return ActivatorUtilities.CreateInstance<TEngine>(services, definition, definition.Bind<TSettings>());
    }
}
