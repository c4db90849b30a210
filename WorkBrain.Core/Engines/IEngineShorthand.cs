using Microsoft.Extensions.Configuration;

namespace WorkBrain.Core.Engines;

/// <summary>The short keys of one capability (<c>TextGeneration:Endpoint</c>, <c>TextGeneration:Backend</c>, …) read as
/// engine definitions, so that installs configured before <c>Engines</c> existed keep working.</summary>
public interface IEngineShorthand
{
    string Capability { get; }

    /// <summary>The engines the short keys describe, and which of them the short keys choose (null: none).</summary>
    (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration);

    /// <summary>What to configure when the capability has no engine at all.</summary>
    string NotConfiguredDetail { get; }
}
