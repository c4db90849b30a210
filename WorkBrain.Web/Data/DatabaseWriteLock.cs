namespace WorkBrain.Web.Data;

/// <summary>
/// One writer at a time per SQLite database in this process, waited for asynchronously. SQLite lets one transaction
/// write at a time; without this, concurrent answers and turn starts collide inside SQLite and each loser blocks a
/// thread until the winner commits. On PostgreSQL it lets everyone through.
/// </summary>
public sealed class DatabaseWriteLock(bool serialize)
{
    private readonly SemaphoreSlim? _semaphore = serialize ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken = default)
    {
        if (_semaphore is null)
        {
            return default;
        }

        await _semaphore.WaitAsync(cancellationToken);
        return new Releaser(_semaphore);
    }

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
