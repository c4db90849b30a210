using WorkBrain.Core.Engines;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text;

namespace WorkBrain.Core.Vision;

/// <summary>Has the text model phrase an answer from what the local models found; yields the findings themselves
/// when no text model is available or it fails before writing anything.</summary>
public sealed partial class FactPhraser(SelectedEngine<IChatClient> textModels, ILogger<FactPhraser> logger)
{
    public bool HasTextModel => textModels.IsAvailable;

    public async IAsyncEnumerable<string> PhraseAsync(
        string systemPrompt, string instruction, string facts, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var client = textModels.IsAvailable ? await textModels.GetClientAsync(cancellationToken) : null;
        if (client is null)
        {
            yield return facts;
            yield break;
        }

        List<ChatMessage> messages =
        [
            new(ChatRole.System, systemPrompt),
            new(ChatRole.User, $"Request: {instruction}\n\nFindings:\n{facts}"),
        ];
        await using var updates = client.GetStreamingResponseAsync(messages, new ChatOptions { Temperature = 0.2f }, cancellationToken)
            .GetAsyncEnumerator(cancellationToken);
        var wrote = false;
        while (true)
        {
            string? text;
            var failed = false;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }

                text = updates.Current.Text;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !wrote)
            {
                LogPhrasingFailed(ex);
                text = null;
                failed = true;
            }

            if (failed)
            {
                yield return facts;
                yield break;
            }

            if (!string.IsNullOrEmpty(text))
            {
                wrote = true;
                yield return text;
            }
        }

        if (!wrote)
        {
            yield return facts;
        }
    }

    internal static ExpertException NoInput(string what) => new($"No {what} attached: attach one to the message and ask again.");

    [LoggerMessage(Level = LogLevel.Warning, Message = "The text model failed to phrase the vision findings; answering with the findings themselves")]
    private partial void LogPhrasingFailed(Exception exception);
}
