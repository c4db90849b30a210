namespace WorkBrain.Core.Documents;

/// <summary>Documents waiting to be indexed, one queue per user, served in turn: a worker takes the next document of the
/// next user in the round who has none being indexed, so one user's slow or huge files never hold up the others'.</summary>
internal sealed class FairIndexingQueue(int perUserCapacity)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<string>> _waiting = new(StringComparer.Ordinal);
    private readonly LinkedList<string> _round = new();
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private TaskCompletionSource? _changed;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Values.Sum(q => q.Count);
            }
        }
    }

    public int CountFor(string userId)
    {
        lock (_gate)
        {
            return _waiting.TryGetValue(userId, out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>Queues a document; false when the user already has <c>perUserCapacity</c> waiting (unless <paramref name="force"/>).</summary>
    public bool TryEnqueue(string userId, string documentId, bool force = false)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(userId, out var queue))
            {
                queue = new Queue<string>();
                _waiting[userId] = queue;
                _round.AddLast(userId);
            }

            if (!force && queue.Count >= perUserCapacity)
            {
                return false;
            }

            queue.Enqueue(documentId);
        }

        Signal();
        return true;
    }

    /// <summary>Waits for the next document; dispose the lease when it is indexed so that user's next one can go.</summary>
    public async Task<Lease> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                for (var node = _round.First; node is not null; node = node.Next)
                {
                    var user = node.Value;
                    if (_busy.Contains(user))
                    {
                        continue;
                    }

                    var queue = _waiting[user];
                    var documentId = queue.Dequeue();
                    _round.Remove(node);
                    if (queue.Count == 0)
                    {
                        _waiting.Remove(user);
                    }
                    else
                    {
                        _round.AddLast(user);
                    }

                    _busy.Add(user);
                    return new Lease(this, user, documentId);
                }

                changed = (_changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    private void Release(string userId)
    {
        lock (_gate)
        {
            _busy.Remove(userId);
        }

        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource? changed;
        lock (_gate)
        {
            changed = _changed;
            _changed = null;
        }

        changed?.TrySetResult();
    }

    public sealed class Lease(FairIndexingQueue queue, string userId, string documentId) : IDisposable
    {
        private int _disposed;

        public string UserId => userId;

        public string DocumentId => documentId;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                queue.Release(userId);
            }
        }
    }
}
