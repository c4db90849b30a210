using System.ClientModel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using WorkBrain.Core.Engines.Pooled;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>Any OpenAI-compatible server (Ollama, vLLM, LMDeploy, llama.cpp server) as an <see cref="IChatClient"/>.</summary>
public sealed class RemoteChatModelProvider(IOptions<TextGenerationOptions> options, EnginePoolRegistry pools) : IChatModelProvider, IDisposable
{
    private readonly Lazy<IChatClient?> _client = new(() => options.Value.Endpoints.Count > 0 ? CreatePool(options.Value, pools) : Create(options.Value));

    public string Kind => "remote";

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        return o.HasRemote
            ? new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, o.Endpoints.Count > 0 ? "remote servers" : "remote server", "",
                o.Endpoints.Count > 0 ? $"{o.Model} on {EnginePoolFactory.Endpoints(o.Endpoint, o.ApiKey, o.Endpoints).Count} engines" : $"{o.Model} at {o.Endpoint}", o.Model)
            : new ExpertStatus(ExpertIds.TextGeneration, ExpertState.NotConfigured, "remote server", "",
                "No text model server configured: set TextGeneration:Endpoint and TextGeneration:Model.");
    }

    public ValueTask<IChatClient?> GetChatClientAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_client.Value);

    private static IChatClient? CreatePool(TextGenerationOptions o, EnginePoolRegistry pools) =>
        o.HasRemote
            ? EnginePoolFactory.Create(ExpertIds.TextGeneration, EnginePoolFactory.Endpoints(o.Endpoint, o.ApiKey, o.Endpoints), o.Model, o.Pool, pools)
            : null;

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
