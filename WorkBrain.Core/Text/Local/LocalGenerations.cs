using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// The generations of one in-process chat model (ONNX or GGUF): queued by a scheduler (one per chat session at a time),
/// run on a worker thread whose text streams through a channel to the caller, counted for the dashboard, and drained
/// before the model is freed.
/// </summary>
internal sealed class LocalGenerations(int maxConcurrent)
{
    private readonly GenerationScheduler _scheduler = new(maxConcurrent);
    private readonly LocalModelCounters _counters = new();
    private volatile bool _closing;

    public LocalModelStats Stats => _counters.Snapshot(_scheduler);

    public int QueueDepth => _scheduler.QueueDepth;

    public int PeakRunning => _scheduler.PeakRunning;

    public bool IsClosing => _closing;

    /// <summary>Runs <paramref name="generate"/> (which writes text as it comes and returns the figures) on a worker
    /// thread once the scheduler admits it, streaming its text, then the finish reason and real token usage.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> StreamAsync(
        object owner, string modelId, string? conversationId, Func<Action<string>, CancellationToken, GenerationResult> generate,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_closing, owner);
        var responseId = Guid.NewGuid().ToString("N");
        using var lease = await _scheduler.EnterAsync(conversationId, cancellationToken);
        ObjectDisposedException.ThrowIf(_closing, owner);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // the reader's continuation runs on the generation thread: no thread hop per token (the reader only forwards text)
        var channel = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });
        var worker = Task.Factory.StartNew(() => Run(generate, channel.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var text in channel.Reader.ReadAllAsync(cancellationToken))
            {
                // text already generated is not shown once the caller stops
                cancellationToken.ThrowIfCancellationRequested();
                yield return new ChatResponseUpdate(ChatRole.Assistant, text) { ResponseId = responseId, ModelId = modelId };
            }

            var result = await worker;
            yield return new ChatResponseUpdate
            {
                Role = ChatRole.Assistant,
                ResponseId = responseId,
                ModelId = modelId,
                FinishReason = result.HitLength ? ChatFinishReason.Length : ChatFinishReason.Stop,
                Contents = [new UsageContent(new UsageDetails { InputTokenCount = result.PromptTokens, OutputTokenCount = result.OutputTokens, TotalTokenCount = result.PromptTokens + result.OutputTokens })],
            };
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await worker;
            }
#pragma warning disable CA1031 // the worker's failure reached the caller through the channel already, or the caller stopped reading
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private GenerationResult Run(Func<Action<string>, CancellationToken, GenerationResult> generate, ChannelWriter<string> writer, CancellationToken cancellationToken)
    {
        try
        {
            var result = generate(t => writer.TryWrite(t), cancellationToken);
            _counters.Record(result);
            writer.TryComplete();
            return result;
        }
        catch (Exception ex)
        {
            if (ex is not OperationCanceledException)
            {
                _counters.RecordFailure();
            }

            writer.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Refuses new requests; once the running and queued ones finish, <paramref name="free"/> frees the model.</summary>
    public async Task DisposeWhenIdleAsync(Action free, CancellationToken cancellationToken)
    {
        _closing = true;
        while (_scheduler.Running > 0 || _scheduler.QueueDepth > 0)
        {
            await Task.Delay(20, cancellationToken);
        }

        free();
    }

    /// <summary>Refuses new requests at once.</summary>
    public void Close() => _closing = true;
}
