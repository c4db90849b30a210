using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace WorkBrain.Core.Vision;

/// <summary>A vision-language model on an OpenAI-compatible server, when ImageUnderstanding:Vlm is configured.</summary>
public interface IVisionLanguageModel
{
    /// <summary>"model at endpoint", or null when none is configured.</summary>
    string? Description { get; }

    /// <summary>The chat client, or null when no VLM is configured.</summary>
    IChatClient? Client { get; }
}

internal sealed class RemoteVisionLanguageModel(IOptions<VisionOptions> options) : IVisionLanguageModel, IDisposable
{
    private readonly Lazy<IChatClient?> _client = new(() => Create(options.Value.Vlm));

    public string? Description => options.Value.Vlm is { IsConfigured: true } v ? $"{v.Model} · {v.Endpoint}" : null;

    public IChatClient? Client => _client.Value;

    private static IChatClient? Create(VlmOptions o)
    {
        if (!o.IsConfigured)
        {
            return null;
        }

        var clientOptions = new OpenAIClientOptions { Endpoint = new Uri(o.Endpoint!), NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds) };
        var key = string.IsNullOrWhiteSpace(o.ApiKey) ? "none" : o.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(o.Model!).AsIChatClient();
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            _client.Value?.Dispose();
        }
    }
}
