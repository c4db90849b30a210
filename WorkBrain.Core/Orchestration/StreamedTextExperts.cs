using System.Runtime.CompilerServices;
using System.Threading.Channels;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>Runs a text expert and copies its text, as it streams, into a channel that ends when the expert ends
/// (finished, failed or cancelled).</summary>
internal sealed class TextTeeExpert(IExpert inner, ChannelWriter<string> copy) : IExpert
{
    public string Id => inner.Id;

    public ExpertStatus GetStatus() => inner.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        try
        {
            await foreach (var e in inner.RunAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (e is TextDelta delta)
                {
                    copy.TryWrite(delta.Text);
                }

                yield return e;
            }
        }
        finally
        {
            copy.TryComplete();
        }
    }
}

/// <summary>Runs a <see cref="ITextStreamReader"/> on a text stream, so the orchestrator can run it like any expert.</summary>
internal sealed class TextStreamReaderExpert(ITextStreamReader inner, ChannelReader<string> text) : IExpert
{
    public string Id => inner.Id;

    public ExpertStatus GetStatus() => inner.GetStatus();

    public IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(request, text.ReadAllAsync(cancellationToken), cancellationToken);
}
