using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>
/// Writes what the answers of this process hand over (<see cref="MessageEventWriter"/>), in the order handed over,
/// one transaction and one SaveChanges for everything waiting: many answers streaming at once cost one commit per round
/// instead of one each, and nothing on the answer path waits for the database (only the end of an answer does). When the
/// database falls behind, the writes one answer handed over meanwhile are merged into one (its text appended once per
/// part, its events in order), so a backlog costs one write per answer, not one per flush; merging only joins writes that
/// are already waiting, so nothing is written later than it would have been. A round that fails is written again one
/// (merged) write at a time, so one bad write (an answer whose session was deleted) fails alone.
/// Turn starts (<see cref="WriteFirstAsync{T}"/>) go in the next round, one of their own: many users starting at once share
/// one transaction instead of committing one after another, and a turn start never waits behind queued answer text.
/// </summary>
public sealed partial class AnswerWriteQueue(IDbContextFactory<WorkBrainDbContext> contexts, ILogger<AnswerWriteQueue>? logger = null)
{
    /// <summary>At most this many (merged) writes go into one transaction, so a turn start waiting for the SQLite write
    /// lock waits for a short transaction, not for everything queued.</summary>
    private const int MaxRound = 32;

    /// <summary>At most this many hand-overs are taken into one round (merging included), so a round ends even while
    /// answers keep handing over.</summary>
    private const int MaxTaken = 4096;

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
        var heads = new Dictionary<string, Write>(StringComparer.Ordinal);
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
            heads.Clear();
            var lane = _first.IsEmpty ? _queue : _first;
            for (var taken = 0; taken < MaxTaken && lane.TryPeek(out var next); taken++)
            {
                // Only this loop takes from the queues, so what it peeked is what it takes.
                if (heads.TryGetValue(next.MessageId, out var head) && head.TryAbsorb(next))
                {
                    lane.TryDequeue(out _);
                    continue;
                }

                if (round.Count == MaxRound)
                {
                    break;
                }

                lane.TryDequeue(out _);
                round.Add(next);
                if (next.MessageId.Length > 0)
                {
                    heads[next.MessageId] = next;
                }
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
                }

                await db.SaveChangesAsync();
                foreach (var write in round)
                {
                    write.Saved();
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

    /// <summary>One unit handed over: applied to the round's context (the round saves its changes once, then tells each
    /// write), then told whether the round committed. A write may absorb later ones of the same answer; they share its fate.</summary>
    internal abstract class Write(string messageId)
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private List<Write>? _absorbed;

        public string MessageId { get; } = messageId;

        public Task Done => _done.Task;

        /// <summary>True when the one who handed it over reports its failure (nothing to log here).</summary>
        public virtual bool CallerReports => false;

        /// <summary>Stages the write in <paramref name="db"/>: statements it runs itself, entities the round saves.</summary>
        public abstract Task ApplyAsync(WorkBrainDbContext db);

        /// <summary>The round's changes are saved (generated keys are known); not committed yet.</summary>
        public virtual void Saved()
        {
        }

        /// <summary>Takes <paramref name="later"/> (handed over after this one, not taken by a round yet) into this write,
        /// which then writes what both would have, in order; false when it cannot.</summary>
        public bool TryAbsorb(Write later)
        {
            if (!Merge(later))
            {
                return false;
            }

            (_absorbed ??= []).Add(later);
            return true;
        }

        protected virtual bool Merge(Write later) => false;

        public virtual void Committed()
        {
            _done.TrySetResult();
            _absorbed?.ForEach(w => w.Committed());
        }

        public virtual void RolledBack() => _absorbed?.ForEach(w => w.RolledBack());

        public virtual void Fail(Exception error)
        {
            _done.TrySetException(error);
            _absorbed?.ForEach(w => w.Fail(error));
        }
    }

    /// <summary>A turn start: its result is kept once the round it went in commits.</summary>
    private sealed class FirstWrite<T>(Func<WorkBrainDbContext, Task<T>> work) : Write("")
    {
        private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _pending;

        public Task<T> Result => _result.Task;

        public override bool CallerReports => true;

        /// <summary>The work saves its own changes; nothing of it is left for the round's save.</summary>
        public override async Task ApplyAsync(WorkBrainDbContext db)
        {
            _pending = await work(db);
            db.ChangeTracker.Clear();
        }

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
