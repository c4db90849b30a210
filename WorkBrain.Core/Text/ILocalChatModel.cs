namespace WorkBrain.Core.Text;

/// <summary>An in-process text model that /admin can load (<see cref="IChatModelProvider.GetChatClientAsync"/>) and unload.</summary>
public interface ILocalChatModel : IChatModelProvider
{
    bool IsLoaded { get; }

    /// <summary>Frees the model once its running generations end; the next request loads it again.</summary>
    Task UnloadAsync(CancellationToken cancellationToken = default);
}
