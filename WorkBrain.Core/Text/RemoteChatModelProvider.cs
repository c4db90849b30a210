using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>Any OpenAI-compatible server (Ollama, vLLM, LMDeploy, llama.cpp server) as an <see cref="IChatClient"/>.</summary>
public sealed class RemoteChatModelProvider(IOptions<TextGenerationOptions> options) : IChatModelProvider, IDisposable
{
    private readonly Lazy<IChatClient?> _client = new(() => Create(options.Value));

    public string Kind => "remote";

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        return o.HasRemote
            ? new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, "remote server", "", $"{o.Model} at {o.Endpoint}", o.Model)
            : new ExpertStatus(ExpertIds.TextGeneration, ExpertState.NotConfigured, "remote server", "",
                "No text model server configured: set TextGeneration:Endpoint and TextGeneration:Model.");
    }

    public ValueTask<IChatClient?> GetChatClientAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_client.Value);

    internal static IChatClient? Create(TextGenerationOptions o)
    {
        if (!o.HasRemote)
        {
            return null;
        }

        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(o.Endpoint!),
            NetworkTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds),

            // One retry at most: the expert's overall deadline (TimeoutSeconds) bounds the whole call anyway.
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
        };
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
