using WorkBrain.Core.Engines;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>Chat, writing and translation: the session's history plus the gate's instruction go to the selected text model.</summary>
public sealed class TextGenerationExpert(SelectedEngine<IChatClient> models, IOptions<TextGenerationOptions> options, ExpertCatalog? experts = null) : IExpert
{
    public string Id => ExpertIds.TextGeneration;

    public ExpertStatus GetStatus() => models.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await models.GetRequiredClientAsync(cancellationToken);
        var o = options.Value;
        var chatOptions = BuildOptions(request.Turn.ChatOptions, o);
        if (models.Current?.InProcess == true)
        {
            // The local engine runs one generation per conversation at a time; remote servers get no unknown field.
            chatOptions.ConversationId = request.Turn.SessionId;
        }

        var messages = BuildMessages(request, o, experts);
        await foreach (var e in ChatStreamEvents.ReadAsync(Id, ct => client.GetStreamingResponseAsync(messages, chatOptions, ct),
                           TimeSpan.FromSeconds(o.TimeoutSeconds), chatOptions.Tools is { Count: > 0 }, cancellationToken))
        {
            yield return e;
        }
    }

    /// <summary>The server's settings, with the caller's own (API requests) applied within the server's limits:
    /// never more output tokens than <see cref="TextGenerationOptions.MaxOutputTokens"/>.</summary>
    internal static ChatOptions BuildOptions(ChatOptions? caller, TextGenerationOptions o)
    {
        var chatOptions = new ChatOptions { MaxOutputTokens = o.MaxOutputTokens, Temperature = o.Temperature };
        if (caller is null)
        {
            return chatOptions;
        }

        if (caller.MaxOutputTokens is { } max)
        {
            chatOptions.MaxOutputTokens = Math.Clamp(max, 1, o.MaxOutputTokens);
        }

        if (caller.Temperature is { } temperature)
        {
            chatOptions.Temperature = Math.Clamp(temperature, 0f, 2f);
        }

        if (caller.TopP is { } topP)
        {
            chatOptions.TopP = Math.Clamp(topP, 0f, 1f);
        }

        chatOptions.Seed = caller.Seed;
        chatOptions.StopSequences = caller.StopSequences is { Count: > 0 } stop ? [.. stop.Take(4)] : null;
        if (caller.Tools is { Count: > 0 } tools)
        {
            chatOptions.Tools = [.. tools];
            chatOptions.ToolMode = caller.ToolMode;
        }

        return chatOptions;
    }

    /// <summary>The history, then the instruction with each earlier expert's output under its described name.</summary>
    internal static List<ChatMessage> BuildMessages(ExpertRequest request, TextGenerationOptions o, ExpertCatalog? experts)
    {
        experts ??= new ExpertCatalog();
        var messages = new List<ChatMessage>();
        var history = request.Turn.History;

        // A caller's own system messages (API clients) take the place of the server's default prompt.
        if (!string.IsNullOrWhiteSpace(o.SystemPrompt) && !history.Any(m => m.Role == ChatRole.System))
        {
            messages.Add(new ChatMessage(ChatRole.System, o.SystemPrompt));
        }

        messages.AddRange(history.Where(m => m.Role == ChatRole.System));
        var conversation = history.Where(m => m.Role != ChatRole.System).ToList();
        messages.AddRange(conversation.Skip(Math.Max(0, conversation.Count - o.HistoryMessages)));
        var prompt = string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        foreach (var (expert, output) in request.Inputs)
        {
            if (!string.IsNullOrWhiteSpace(output))
            {
                prompt += $"\n\n[{experts.DisplayName(expert)}]\n{output}";
            }
        }

        // A caller answering the model's tool calls ends with the tools' results, not a new user message.
        if (!string.IsNullOrWhiteSpace(prompt) || messages.Count == 0 || messages[^1].Role != ChatRole.Tool)
        {
            messages.Add(new ChatMessage(ChatRole.User, prompt));
        }

        return messages;
    }
}
