namespace WorkBrain.Web.Hubs;

/// <summary>What the server may call on a hub client.</summary>
public interface IBrainClient
{
    Task SessionChanged(string sessionId);
}
