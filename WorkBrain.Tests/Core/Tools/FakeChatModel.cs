using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;

namespace WorkBrain.Tests.Core.Tools;

/// <summary>A text model whose answers a test scripts: each call gets the messages so far and returns the updates to stream.</summary>
internal sealed class FakeChatClient(Func<IReadOnlyList<ChatMessage>, ChatOptions?, IEnumerable<ChatResponseUpdate>> respond) : IChatClient
{
    public List<ChatOptions?> Calls { get; } = [];

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var updates = new List<ChatResponseUpdate>();
        await foreach (var u in GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(u);
        }

        return updates.ToChatResponse();
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Calls.Add(options);
        foreach (var update in respond(messages.ToList(), options))
        {
            await Task.Yield();
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}

internal sealed class FakeChatModelProvider(IChatClient? client) : IChatModelProvider
{
    public string Kind => "remote";

    public ExpertStatus GetStatus() => client is null
        ? new ExpertStatus(ExpertIds.TextGeneration, ExpertState.NotConfigured, "remote server", "", "none")
        : new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, "remote server", "", "fake");

    public ValueTask<IChatClient?> GetChatClientAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(client);
}
