using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Events;

namespace WorkBrain.Core.Text;

/// <summary>A text model's stream as an expert's events, under one overall deadline: text as <see cref="TextDelta"/>,
/// the engine's token usage as one <see cref="ExpertUsage"/> at the end, and (when the caller declared its own tools)
/// the model's tool calls as <see cref="ToolCallRequested"/>. A stream that breaks after text was written fails, and
/// the runner reports it as cut off.</summary>
public static class ChatStreamEvents
{
    public static async IAsyncEnumerable<BrainEvent> ReadAsync(
        string expert,
        Func<CancellationToken, IAsyncEnumerable<ChatResponseUpdate>> start,
        TimeSpan deadline,
        bool surfaceToolCalls,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(deadline);
        long? input = null;
        long? output = null;
        var hitLength = false;
        await using var updates = start(timeout.Token).GetAsyncEnumerator(timeout.Token);
        while (true)
        {
            ChatResponseUpdate update;
            try
            {
                if (!await updates.MoveNextAsync())
                {
                    break;
                }

                update = updates.Current;
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The model did not finish within {deadline.TotalSeconds:0} s.");
            }

            if (update.FinishReason is { } finish)
            {
                hitLength = finish == ChatFinishReason.Length;
            }

            foreach (var content in update.Contents)
            {
                switch (content)
                {
                    case UsageContent usage:
                        input = Add(input, usage.Details.InputTokenCount);
                        output = Add(output, usage.Details.OutputTokenCount);
                        break;
                    case FunctionCallContent call when surfaceToolCalls:
                        yield return new ToolCallRequested(expert, call.CallId, call.Name,
                            JsonSerializer.Serialize(call.Arguments ?? new Dictionary<string, object?>()));
                        break;
                }
            }

            if (!string.IsNullOrEmpty(update.Text))
            {
                yield return new TextDelta(expert, update.Text);
            }
        }

        if (input is not null || output is not null || hitLength)
        {
            yield return new ExpertUsage(expert, input, output, hitLength);
        }
    }

    private static long? Add(long? total, long? more) => more is null ? total : (total ?? 0) + more;
}
