using OpenAI;

namespace WorkBrain.Core.Engines.OpenAi;

/// <summary>Type "openai" for one capability: an OpenAI-compatible server through the SDK adapter <paramref name="adapt"/>.</summary>
public sealed class OpenAiEngineFactory<TClient>(Func<OpenAIClient, string, TClient> adapt, bool needsModel = true) : IEngineFactory where TClient : class
{
    public const string TypeName = "openai";

    public string Capability { get; } = EngineCapability.Of<TClient>();

    public string Type => TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var settings = definition.Bind<RemoteEngineSettings>();
        if (!string.IsNullOrWhiteSpace(settings.Endpoint) && !Uri.TryCreate(settings.Endpoint, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"{definition.Settings.Path}:Endpoint \"{settings.Endpoint}\" is not an absolute URL.");
        }

        return new OpenAiEngine<TClient>(definition, settings, adapt, needsModel);
    }
}
