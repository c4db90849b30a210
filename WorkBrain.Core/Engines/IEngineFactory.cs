namespace WorkBrain.Core.Engines;

/// <summary>Builds the engines of one type for one capability, e.g. ("Text", "openai"). Adding an engine kind is one
/// factory and one <c>services.AddEngineFactory&lt;T&gt;()</c> line.</summary>
public interface IEngineFactory
{
    /// <summary>One of <see cref="EngineCapability"/>.</summary>
    string Capability { get; }

    /// <summary>The value of <c>Type</c> in configuration, compared without case.</summary>
    string Type { get; }

    /// <summary>Builds the engine; it must not load its model yet (that happens on first use or from /admin).</summary>
    IEngine Create(EngineDefinition definition, IServiceProvider services);
}
