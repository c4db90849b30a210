using WorkBrain.Core.Engines;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Text;

/// <summary>Chat, writing and translation: the session's history plus the gate's instruction go to the selected text model.</summary>
public sealed class TextGenerationExpert(SelectedEngine<IChatClient> models, IOptions<TextGenerationOptions> options) : IExpert
{
    public string Id => ExpertIds.TextGeneration;

    public ExpertStatus GetStatus() => models.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var client = await models.GetRequiredClientAsync(cancellationToken);
        var o = options.Value;
        var chatOptions = new ChatOptions { MaxOutputTokens = o.MaxOutputTokens, Temperature = o.Temperature };
        if (models.Current?.InProcess == true)
        {
            // The local engine runs one generation per conversation at a time; remote servers get no unknown field.
            chatOptions.ConversationId = request.Turn.SessionId;
        }

        await foreach (var update in client.GetStreamingResponseAsync(BuildMessages(request, o), chatOptions, cancellationToken))
        {
            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return new TextDelta(Id, update.Text);
            }
        }
    }

    internal static List<ChatMessage> BuildMessages(ExpertRequest request, TextGenerationOptions o)
    {
        var messages = new List<ChatMessage>();
        if (!string.IsNullOrWhiteSpace(o.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, o.SystemPrompt));
        }

        var history = request.Turn.History;
        messages.AddRange(history.Skip(Math.Max(0, history.Count - o.HistoryMessages)));
        var prompt = string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        foreach (var (expert, output) in request.Inputs)
        {
            if (!string.IsNullOrWhiteSpace(output))
            {
                prompt += $"\n\n[{ExpertIds.DisplayName(expert)}]\n{output}";
            }
        }

        messages.Add(new ChatMessage(ChatRole.User, prompt));
        return messages;
    }
}
