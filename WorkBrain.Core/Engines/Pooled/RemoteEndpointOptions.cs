namespace WorkBrain.Core.Engines.Pooled;

/// <summary>One remote engine of a pool (<c>TextGeneration:Endpoints:N:*</c>): an OpenAI-compatible server or
/// another WorkBrain's <c>/v1</c>.</summary>
public sealed class RemoteEndpointOptions
{
    /// <summary>Shown on /admin; defaults to the URL's host and port.</summary>
    public string? Name { get; set; }

    /// <summary>Base URL, e.g. http://gpu1:8000/v1.</summary>
    public string? Url { get; set; }

    /// <summary>The model on that server; defaults to the capability's <c>Model</c>.</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }
}
