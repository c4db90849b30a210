namespace WorkBrain.Core.Engines.Pooled;

/// <summary>Builds a capability's pool from its endpoints and registers it for /admin.</summary>
public static class EnginePoolFactory
{
    /// <summary>The endpoints that name a URL, the shorthand single endpoint first.</summary>
    public static IReadOnlyList<RemoteEndpointOptions> Endpoints(string? single, string? apiKey, IEnumerable<RemoteEndpointOptions> more)
    {
        var all = new List<RemoteEndpointOptions>();
        if (!string.IsNullOrWhiteSpace(single))
        {
            all.Add(new RemoteEndpointOptions { Url = single, ApiKey = apiKey });
        }

        all.AddRange(more.Where(e => !string.IsNullOrWhiteSpace(e.Url)));
        return all;
    }

    public static PooledChatClient Create(
        string capability, IReadOnlyList<RemoteEndpointOptions> endpoints, string? defaultModel, EnginePoolOptions options, EnginePoolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var members = endpoints.Select(e =>
        {
            var model = string.IsNullOrWhiteSpace(e.Model) ? defaultModel : e.Model;
            if (string.IsNullOrWhiteSpace(model))
            {
                throw new InvalidOperationException(
                    $"The {capability} engine at {e.Url} has no model: set its Model, or the capability's Model for all of them.");
            }

            return new PoolMember(capability, e, model, options);
        }).ToList();
        var pool = new PooledChatClient(members, options);
        registry.Register(capability, pool);
        return pool;
    }
}
