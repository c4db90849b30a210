using Microsoft.EntityFrameworkCore;

namespace WorkBrain.Web.Data;

public static class DatabaseWrites
{
    /// <summary>Runs <paramref name="work"/> on a new context as the only writer of a SQLite database in this process
    /// (waiting asynchronously for the one before; see <see cref="DatabaseWriteLock"/>); on PostgreSQL at once.</summary>
    public static async Task<T> WriteAsync<T>(
        this IDbContextFactory<WorkBrainDbContext> contexts, Func<WorkBrainDbContext, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(work);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken); // migrated before the lock is taken
        using var _ = contexts is WorkBrainDbContextFactory factory ? await factory.WriteLock.EnterAsync(cancellationToken) : default;
        return await work(db);
    }
}
