using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace WorkBrain.Tests.Core.Vision;

/// <summary>A chat client that records what it was asked and streams back a reply built by <see cref="Reply"/>.</summary>
internal sealed class FakeChatClient : IChatClient
{
    public List<ChatMessage> Received { get; } = [];

    public Func<IReadOnlyList<ChatMessage>, string> Reply { get; set; } = _ => "fake reply";

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.AddRange(list);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, Reply(list))));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        Received.AddRange(list);
        foreach (var word in Reply(list).Split(' '))
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, word + " ");
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
