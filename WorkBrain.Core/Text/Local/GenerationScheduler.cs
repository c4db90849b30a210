using System.Collections.Concurrent;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// Bounds the generations of one model: at most <c>maxConcurrent</c> run, the others wait in line; a chat session runs one
/// generation at a time (its second request waits for the first).
/// </summary>
internal sealed class GenerationScheduler(int maxConcurrent)
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, maxConcurrent), Math.Max(1, maxConcurrent));
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sessions = new(StringComparer.Ordinal);
    private int _waiting;
    private int _running;
    private int _peak;

    public int MaxConcurrent { get; } = Math.Max(1, maxConcurrent);

    /// <summary>Requests waiting for a slot.</summary>
    public int QueueDepth => Volatile.Read(ref _waiting);

    public int Running => Volatile.Read(ref _running);

    /// <summary>The most generations that ever ran at once.</summary>
    public int PeakRunning => Volatile.Read(ref _peak);

    public async Task<IDisposable> EnterAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var session = string.IsNullOrEmpty(sessionId) ? null : _sessions.GetOrAdd(sessionId, _ => new SemaphoreSlim(1, 1));
        Interlocked.Increment(ref _waiting);
        var sessionHeld = false;
        try
        {
            if (session is not null)
            {
                await session.WaitAsync(cancellationToken);
                sessionHeld = true;
            }

            await _slots.WaitAsync(cancellationToken);
        }
        catch
        {
            if (sessionHeld)
            {
                session!.Release();
            }

            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        var running = Interlocked.Increment(ref _running);
        int peak;
        while (running > (peak = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, running, peak) != peak)
        {
        }

        return new Lease(this, session);
    }

    private sealed class Lease(GenerationScheduler owner, SemaphoreSlim? session) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            Interlocked.Decrement(ref owner._running);
            owner._slots.Release();
            session?.Release();
        }
    }
}
