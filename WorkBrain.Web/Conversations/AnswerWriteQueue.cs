using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>
/// Writes what the answers of this process hand over (<see cref="MessageEventWriter"/>), in the order handed over,
/// one transaction for everything waiting: many answers streaming at once cost one commit per round instead of one each,
/// and nothing on the answer path waits for the database (only the end of an answer does). A round that fails is
/// written again one write at a time, so one bad write (an answer whose session was deleted) fails alone.
/// Turn starts (<see cref="WriteFirstAsync{T}"/>) go in the next round, one of their own: many users starting at once share
/// one transaction instead of committing one after another, and a turn start never waits behind queued answer text.
/// </summary>
public sealed partial class AnswerWriteQueue(IDbContextFactory<WorkBrainDbContext> contexts, ILogger<AnswerWriteQueue>? logger = null)
{
    /// <summary>At most this many writes go into one transaction, so a turn start waiting for the SQLite write lock
    /// waits for a short transaction, not for everything queued.</summary>
    private const int MaxRound = 32;

    private readonly ConcurrentQueue<Write> _first = new();
    private readonly ConcurrentQueue<Write> _queue = new();
    private readonly Lock _gate = new();
    private bool _draining;

    /// <summary>Queues <paramref name="write"/>; the task completes once it is committed (or failed on its own).</summary>
    internal Task EnqueueAsync(Write write) => Enqueue(_queue, write);

    /// <summary>Runs <paramref name="work"/> (its own SaveChanges included) at the head of the next round; the result
    /// once it is committed. It is not cancelled once handed over, so what the caller was told matches the database.
    /// It is written before any answer write queued after it, and the task is completed (committed or failed) before
    /// the next round starts, so those writes can tell whether it went in.</summary>
    public Task<T> WriteFirstAsync<T>(Func<WorkBrainDbContext, Task<T>> work)
    {
        var write = new FirstWrite<T>(work);
        _ = Enqueue(_first, write);
        return write.Result;
    }

    private Task Enqueue(ConcurrentQueue<Write> queue, Write write)
    {
        queue.Enqueue(write);
        lock (_gate)
        {
            if (!_draining)
            {
                _draining = true;
                _ = Task.Run(DrainAsync);
            }
        }

        return write.Done;
    }

    private async Task DrainAsync()
    {
        var round = new List<Write>();
        while (true)
        {
            lock (_gate)
            {
                if (_queue.IsEmpty && _first.IsEmpty)
                {
                    _draining = false;
                    return;
                }
            }

            // Turn starts waiting make a round of their own (short, so they wait for little); else answer writes.
            round.Clear();
            var lane = _first.IsEmpty ? _queue : _first;
            while (round.Count < MaxRound && lane.TryDequeue(out var write))
            {
                round.Add(write);
            }

            if (await TryWriteAsync(round) is null)
            {
                continue;
            }

            foreach (var write in round)
            {
                if (await TryWriteAsync([write]) is { } error)
                {
                    if (logger is not null && !write.CallerReports)
                    {
                        LogWriteFailed(logger, error, write.MessageId);
                    }

                    write.Fail(error);
                }
            }
        }
    }

    /// <summary>Writes the round in one transaction; null when it committed, else why not (and nothing of it stays).</summary>
    private async Task<Exception?> TryWriteAsync(IReadOnlyList<Write> round)
    {
        try
        {
            await contexts.WriteAsync(async db =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                foreach (var write in round)
                {
                    await write.ApplyAsync(db);
                    db.ChangeTracker.Clear();
                }

                await transaction.CommitAsync();
                return true;
            });
        }
        catch (Exception ex)
        {
            foreach (var write in round)
            {
                write.RolledBack();
            }

            return ex;
        }

        foreach (var write in round)
        {
            write.Committed();
        }

        return null;
    }

    /// <summary>One unit handed over: applied to the round's context (its own SaveChanges included), then told whether
    /// the round committed.</summary>
    internal abstract class Write(string messageId)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string MessageId { get; } = messageId;

        public Task Done => _done.Task;

        /// <summary>True when the one who handed it over reports its failure (nothing to log here).</summary>
        public virtual bool CallerReports => false;

        public abstract Task ApplyAsync(WorkBrainDbContext db);

        public virtual void Committed() => _done.TrySetResult();

        public virtual void RolledBack()
        {
        }

        public virtual void Fail(Exception error) => _done.TrySetException(error);
    }

    /// <summary>A turn start: its result is kept once the round it went in commits.</summary>
    private sealed class FirstWrite<T>(Func<WorkBrainDbContext, Task<T>> work) : Write("")
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _pending;

        public Task<T> Result => _result.Task;

        public override bool CallerReports => true;

        public override async Task ApplyAsync(WorkBrainDbContext db) => _pending = await work(db);

        public override void Committed()
        {
            _result.TrySetResult(_pending!);
            base.Committed();
        }

        /// <summary>The caller reports it through <see cref="Result"/> (the base task is not awaited by anyone).</summary>
        public override void Fail(Exception error) => _result.TrySetException(error);

        public override void RolledBack() => _pending = default;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing answer {MessageId} to the database failed")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string messageId);
}
