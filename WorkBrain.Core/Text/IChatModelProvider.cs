using Microsoft.Extensions.AI;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>A source of a text model as an <see cref="IChatClient"/>: a remote server or a local engine.</summary>
public interface IChatModelProvider
{
    /// <summary>"remote" or "local", as in <see cref="TextGenerationOptions.Backend"/>.</summary>
    string Kind { get; }

    ExpertStatus GetStatus();

    /// <summary>The client, loading the model if needed; null when this provider has no model to offer.</summary>
    ValueTask<IChatClient?> GetChatClientAsync(CancellationToken cancellationToken = default);
}
