using System.ClientModel;
using OpenAI;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Engines.OpenAi;

/// <summary>Any OpenAI-compatible server as one Microsoft.Extensions.AI client, built by the official OpenAI SDK and its
/// Microsoft.Extensions.AI adapters (<c>AsIChatClient</c>, …). This is the one place a remote engine is constructed.</summary>
public sealed class OpenAiEngine<TClient>(
    EngineDefinition definition,
    RemoteEngineSettings settings,
    Func<OpenAIClient, string, TClient> adapt,
    bool needsModel = true) : IEngine<TClient>, IDisposable where TClient : class
{
    private readonly Lazy<TClient?> _client = new(() => Create(settings, adapt, needsModel));

    public EngineDefinition Definition => definition;

    public RemoteEngineSettings Settings => settings;

    public bool InProcess => false;

    private bool IsConfigured => !string.IsNullOrWhiteSpace(settings.Endpoint) && (!needsModel || !string.IsNullOrWhiteSpace(settings.Model));

    public ExpertStatus GetStatus() => IsConfigured
        ? new ExpertStatus(EngineCapability.ExpertOf(definition.Capability), ExpertState.Ready, "remote server", "",
            settings.Model is null ? settings.Endpoint ?? "" : $"{settings.Model} · {settings.Endpoint}", settings.Model)
        : new ExpertStatus(EngineCapability.ExpertOf(definition.Capability), ExpertState.NotConfigured, "remote server", "",
            $"No {EngineCapability.Noun(definition.Capability)} server configured: set {definition.Settings.Path}:Endpoint" + (needsModel ? $" and {definition.Settings.Path}:Model." : "."));

    public ValueTask<TClient?> GetClientAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(_client.Value);

    /// <summary>The OpenAI SDK client for <paramref name="settings"/>: endpoint, key ("none" when empty) and timeout.</summary>
    public static OpenAIClient CreateOpenAiClient(RemoteEngineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(settings.Endpoint!),
            NetworkTimeout = TimeSpan.FromSeconds(settings.TimeoutSeconds),

            // One retry at most: the expert's overall deadline (TimeoutSeconds) bounds the whole call anyway.
            RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 1),
        };
        return new OpenAIClient(new ApiKeyCredential(string.IsNullOrWhiteSpace(settings.ApiKey) ? "none" : settings.ApiKey), options);
    }

    private static TClient? Create(RemoteEngineSettings settings, Func<OpenAIClient, string, TClient> adapt, bool needsModel)
    {
        if (string.IsNullOrWhiteSpace(settings.Endpoint) || (needsModel && string.IsNullOrWhiteSpace(settings.Model)))
        {
            return null;
        }

        return adapt(CreateOpenAiClient(settings), settings.Model ?? "");
    }

    public void Dispose()
    {
        if (_client.IsValueCreated)
        {
            (_client.Value as IDisposable)?.Dispose();
        }
    }
}
