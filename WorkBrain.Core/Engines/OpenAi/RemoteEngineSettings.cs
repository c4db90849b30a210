using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Engines.OpenAi;

/// <summary>An OpenAI-compatible server: <c>Engines:{Capability}:{Name}</c> with Type "openai", or a capability's short
/// keys (<c>TextGeneration:Endpoint</c>, <c>Model</c>, <c>ApiKey</c>, <c>TimeoutSeconds</c>).</summary>
public sealed class RemoteEngineSettings
{
    /// <summary>Base URL, e.g. http://127.0.0.1:11434/v1 (Ollama) or http://gpu-1:8000/v1 (vLLM).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name on that server.</summary>
    public string? Model { get; set; }

    /// <summary>API key; most local servers accept any value.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;
}
