using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Text;

public sealed class TextGenerationOptions
{
    public const string Section = "TextGeneration";

    /// <summary>"auto" (remote when an endpoint is set, else the GGUF model when one is configured, else the local ONNX
    /// model), "remote", "local" (ONNX) or "gguf" (LLamaSharp, TextGeneration:Gguf:*).</summary>
    [RegularExpression("^(auto|remote|local|gguf)$", ErrorMessage = "TextGeneration:Backend must be auto, remote, local or gguf.")]
    public string Backend { get; set; } = "auto";

    /// <summary>Base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:11434/v1 (Ollama).</summary>
    public string? Endpoint { get; set; }

    /// <summary>Model name on that server, e.g. qwen2.5:7b.</summary>
    public string? Model { get; set; }

    /// <summary>API key; most local servers accept any value.</summary>
    public string? ApiKey { get; set; }

    public string SystemPrompt { get; set; } =
        "You are WorkBrain, a helpful assistant. Answer in the language of the question. Use Markdown.";

    [Range(1, 32768)]
    public int MaxOutputTokens { get; set; } = 1024;

    [Range(0.0, 2.0)]
    public float Temperature { get; set; } = 0.7f;

    /// <summary>How long to wait for the server before giving up on a request.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>How many earlier messages of the session are sent with each request.</summary>
    [Range(0, 1000)]
    public int HistoryMessages { get; set; } = 40;

    /// <summary>More engines for the same model (<c>TextGeneration:Endpoints:N:Url</c>, <c>Model</c>, <c>ApiKey</c>, <c>Name</c>):
    /// with them, calls go to the least busy healthy one, with retries, timeouts and a circuit breaker per engine.</summary>
    public List<WorkBrain.Core.Engines.Pooled.RemoteEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>How the engines of <see cref="Endpoints"/> are kept healthy.</summary>
    public WorkBrain.Core.Engines.Pooled.EnginePoolOptions Pool { get; set; } = new();

    public bool HasRemote =>
        (!string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model))
        || Endpoints.Any(e => !string.IsNullOrWhiteSpace(e.Url) && !string.IsNullOrWhiteSpace(e.Model ?? Model));
}
