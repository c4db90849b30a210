using System.Runtime.CompilerServices;

namespace WorkBrain.Web.Conversations.Live;

/// <summary>Watchers that take events one at a time read the batches a live answer's watch hands out, in order.</summary>
public static class EventBatches
{
    public static async IAsyncEnumerable<T> Flatten<T>(this IAsyncEnumerable<IReadOnlyList<T>> batches, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var batch in batches.WithCancellation(cancellationToken))
        {
            foreach (var item in batch)
            {
                yield return item;
            }
        }
    }
}
