using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Events;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Persists one answer's events as they arrive. Text deltas are coalesced per expert and written together
/// (every <see cref="StreamWriteOptions.FlushMilliseconds"/> or <see cref="StreamWriteOptions.FlushDeltas"/> deltas, before
/// any other event and at the end), so a fast model costs a few writes a second instead of one per token. Every other
/// lasting event is stored as its JSON at once, so a reload shows it.</summary>
internal sealed partial class MessageEventWriter(
    IDbContextFactory<WorkBrainDbContext> contexts,
    string messageId,
    string userMessageId,
    StreamWriteOptions? options = null,
    TimeProvider? clock = null,
    ILogger? logger = null) : IAsyncDisposable
{
    private readonly StreamWriteOptions _options = options ?? new StreamWriteOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, TextPart> _textParts = new(StringComparer.Ordinal);
    private int _ordinal;
    private int _pendingDeltas;
    private ITimer? _timer;
    private bool _finished;

    /// <summary>Database round trips so far (one per flush or event), for tests and benchmarks.</summary>
    public int Writes { get; private set; }

    public async Task WriteAsync(BrainEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        await _lock.WaitAsync(cancellationToken);
        try
        {
            switch (e)
            {
                case TextDelta d:
                    if (!_textParts.TryGetValue(d.Expert, out var part))
                    {
                        part = new TextPart(_ordinal++);
                        _textParts[d.Expert] = part;
                    }

                    part.Pending.Append(d.Text);
                    if (++_pendingDeltas >= _options.FlushDeltas)
                    {
                        await FlushLockedAsync(null, cancellationToken);
                    }
                    else
                    {
                        _timer ??= _clock.CreateTimer(_ => _ = FlushOnTimerAsync(), null, TimeSpan.FromMilliseconds(_options.FlushMilliseconds), Timeout.InfiniteTimeSpan);
                    }

                    break;
                case ExpertProgress:
                    break; // transient: only the live view shows it
                default:
                    await FlushLockedAsync(e, cancellationToken);
                    break;
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Writes what is buffered and marks the answer finished, keeping its text as history for the next turn.</summary>
    public async Task FinishAsync(string status, string answerText)
    {
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            await FlushLockedAsync(null, CancellationToken.None, (status, answerText));
            _finished = true;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            StopTimer();
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task FlushOnTimerAsync()
    {
        await _lock.WaitAsync(CancellationToken.None);
        try
        {
            if (!_finished)
            {
                await FlushLockedAsync(null, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // The text stays buffered and goes out with the next flush.
            if (logger is not null)
            {
                LogFlushFailed(logger, ex, messageId);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>One unit of work: the buffered text, then <paramref name="e"/> and the final status, if any. The buffer is
    /// cleared only once the write succeeded.</summary>
    private async Task FlushLockedAsync(BrainEvent? e, CancellationToken cancellationToken, (string Status, string Text)? finish = null)
    {
        StopTimer();
        var pending = _textParts.Where(p => p.Value.Pending.Length > 0).ToList();
        if (pending.Count == 0 && e is null && finish is null)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var inserted = new List<(TextPart Part, MessagePartEntity Row)>();
        foreach (var (expert, part) in pending)
        {
            var text = part.Pending.ToString();
            if (part.Id is { } id)
            {
                await db.Parts.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Content, p => p.Content + text), cancellationToken);
            }
            else
            {
                var row = new MessagePartEntity { MessageId = messageId, Ordinal = part.Ordinal, Kind = "text", Expert = expert, Content = text };
                db.Parts.Add(row);
                inserted.Add((part, row));
            }
        }

        if (e is not null)
        {
            await ApplyAsync(db, e, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (finish is { } f)
        {
            await db.Messages.Where(m => m.Id == messageId)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, f.Status).SetProperty(m => m.Text, f.Text), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        Writes++;
        foreach (var (part, row) in inserted)
        {
            part.Id = row.Id;
        }

        foreach (var (_, part) in pending)
        {
            part.Pending.Clear();
        }

        _pendingDeltas = 0;
    }

    private async Task ApplyAsync(WorkBrainDbContext db, BrainEvent e, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case Routed r:
                var decision = JsonSerializer.Serialize(r.Decision, ChatStore.Json);
                await db.Messages.Where(m => m.Id == messageId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.DecisionJson, decision), cancellationToken);
                break;
            case Transcribed t:
                // The transcript is the user's words: shown as the user's message and kept as history.
                var user = await db.Messages.FirstAsync(m => m.Id == userMessageId, cancellationToken);
                user.Text = string.IsNullOrWhiteSpace(user.Text) ? t.Text : user.Text + "\n" + t.Text;
                AddPart(db, "transcribed", t.Expert, JsonSerializer.Serialize(e, ChatStore.Json));
                break;
            case Completed c:
                var stats = JsonSerializer.Serialize(c.Stats, ChatStore.Json);
                await db.Messages.Where(m => m.Id == messageId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.StatsJson, stats), cancellationToken);
                break;
            case ExpertEvent x:
                AddPart(db, x.GetType().Name, x.Expert, JsonSerializer.Serialize(e, ChatStore.Json));
                break;
        }
    }

    private void AddPart(WorkBrainDbContext db, string kind, string expert, string content) =>
        db.Parts.Add(new MessagePartEntity { MessageId = messageId, Ordinal = _ordinal++, Kind = kind, Expert = expert, Content = content });

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    private sealed class TextPart(int ordinal)
    {
        public int Ordinal { get; } = ordinal;

        public long? Id { get; set; }

        public StringBuilder Pending { get; } = new();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the streamed text of answer {MessageId} failed; it is retried with the next write")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception, string messageId);
}
