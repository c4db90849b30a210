using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Events;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Persists one answer's events as they arrive. Text deltas are coalesced per expert and handed over together
/// (every <see cref="StreamWriteOptions.FlushMilliseconds"/> or <see cref="StreamWriteOptions.FlushDeltas"/> deltas, before
/// any other event and at the end), so a fast model costs a few writes a second instead of one per token. Every other
/// lasting event is handed over as its JSON at once, so a reload shows it. The <see cref="AnswerWriteQueue"/> writes them in
/// order (hand-overs still waiting when the database is behind merge into one write); the answer waits for the database only at <see cref="FinishAsync"/>. When the answer's rows are still being
/// written (<paramref name="rowsWritten"/>, a turn start queued before this writer's first write), its writes follow
/// them, and are dropped if the rows could not be written (the turn failed; there is nothing to add to).</summary>
internal sealed class MessageEventWriter(
    AnswerWriteQueue queue,
    string messageId,
    string userMessageId,
    StreamWriteOptions? options = null,
    TimeProvider? clock = null,
    Task? rowsWritten = null) : IAsyncDisposable
{
    private readonly StreamWriteOptions _options = options ?? new StreamWriteOptions();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, TextPart> _textParts = new(StringComparer.Ordinal);
    private int _ordinal;
    private int _pendingDeltas;
    private ITimer? _timer;
    private bool _finished;
    private Task _last = Task.CompletedTask;

    /// <summary>Writes handed to the queue so far (one per flush or event), for tests and benchmarks.</summary>
    public int Writes { get; private set; }

    public Task WriteAsync(BrainEvent e, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(e);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            switch (e)
            {
                case TextDelta d:
                    if (!_textParts.TryGetValue(d.Expert, out var part))
                    {
                        part = new TextPart(d.Expert, _ordinal++);
                        _textParts[d.Expert] = part;
                    }

                    part.Pending.Append(d.Text);
                    if (++_pendingDeltas >= _options.FlushDeltas)
                    {
                        FlushLocked(null);
                    }
                    else
                    {
                        _timer ??= _clock.CreateTimer(_ => FlushOnTimer(), null, TimeSpan.FromMilliseconds(_options.FlushMilliseconds), Timeout.InfiniteTimeSpan);
                    }

                    break;
                case ExpertProgress:
                    break; // transient: only the live view shows it
                default:
                    FlushLocked(e);
                    break;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Completes once everything handed over so far is written (or fails as the write that failed); what is
    /// still buffered in the window is not handed over by this.</summary>
    public Task WrittenAsync()
    {
        lock (_lock)
        {
            return _last;
        }
    }

    /// <summary>Writes what is buffered and marks the answer finished, keeping its text as history for the next turn;
    /// returns once all of the answer is in the database.</summary>
    public Task FinishAsync(string status, string answerText)
    {
        lock (_lock)
        {
            FlushLocked(null, (status, answerText));
            _finished = true;
            return _last;
        }
    }

    /// <summary>Stops the window timer and waits until what was handed over is written (or failed).</summary>
    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (_lock)
        {
            StopTimer();
            last = _last;
        }

        try
        {
            await last;
        }
        catch (Exception)
        {
            // Already logged by the queue; FinishAsync reports its own failure to the caller.
        }
    }

    private void FlushOnTimer()
    {
        lock (_lock)
        {
            if (!_finished)
            {
                FlushLocked(null);
            }
        }
    }

    /// <summary>Hands over the buffered text, then <paramref name="e"/> and the final status, if any, as one write.</summary>
    private void FlushLocked(BrainEvent? e, (string Status, string Text)? finish = null)
    {
        StopTimer();
        var texts = _textParts.Values.Where(p => p.Pending.Length > 0).Select(p => (p, p.Pending.ToString())).ToList();
        if (texts.Count == 0 && e is null && finish is null)
        {
            return;
        }

        foreach (var (part, _) in texts)
        {
            part.Pending.Clear();
        }

        _pendingDeltas = 0;
        var eventOrdinal = e is ExpertEvent ? _ordinal++ : -1; // stored as a part of its own, after the text so far
        _last = queue.EnqueueAsync(new Flush(this, texts, e, eventOrdinal, finish));
        Writes++;
    }

    private void StopTimer()
    {
        _timer?.Dispose();
        _timer = null;
    }

    /// <summary>One hand-over: text appended to (or starting) each expert's text part, events, the final status. Later
    /// hand-overs of the same answer still waiting in the queue merge into it: each part's text is appended once, the
    /// events keep their order (their rows keep their ordinals, so the stored answer is the same).</summary>
    private sealed class Flush : AnswerWriteQueue.Write
    {
        private readonly MessageEventWriter _writer;
        private readonly List<(TextPart Part, StringBuilder Text)> _texts = [];
        private readonly List<(BrainEvent Event, int Ordinal)> _events = [];
        private readonly List<(TextPart Part, MessagePartEntity Row)> _inserted = [];
        private readonly List<TextPart> _started = [];
        private (string Status, string Text)? _finish;

        public Flush(MessageEventWriter writer, List<(TextPart Part, string Text)> texts, BrainEvent? e, int eventOrdinal, (string Status, string Text)? finish)
            : base(writer.MessageId)
        {
            _writer = writer;
            foreach (var (part, text) in texts)
            {
                _texts.Add((part, new StringBuilder(text)));
            }

            if (e is not null)
            {
                _events.Add((e, eventOrdinal));
            }

            _finish = finish;
        }

        protected override bool Merge(AnswerWriteQueue.Write later)
        {
            if (later is not Flush next || next._writer != _writer)
            {
                return false;
            }

            foreach (var (part, text) in next._texts)
            {
                var index = _texts.FindIndex(t => t.Part == part);
                if (index < 0)
                {
                    _texts.Add((part, new StringBuilder().Append(text)));
                }
                else
                {
                    _texts[index].Text.Append(text);
                }
            }

            _events.AddRange(next._events);
            _finish = next._finish ?? _finish;
            return true;
        }

        public override async Task ApplyAsync(WorkBrainDbContext db)
        {
            _inserted.Clear();
            if (!_writer.RowsExist)
            {
                return;
            }

            var messageId = _writer.MessageId;
            foreach (var (part, builder) in _texts)
            {
                var text = builder.ToString();
                if ((part.Id ?? part.TentativeId) is { } id)
                {
                    // Plain SQL: the one statement a streaming answer runs every flush, without LINQ translation each time.
                    await db.Database.ExecuteSqlAsync($"""UPDATE chat_message_parts SET "Content" = "Content" || {text} WHERE "Id" = {id}""");
                }
                else
                {
                    var row = new MessagePartEntity { MessageId = messageId, Ordinal = part.Ordinal, Kind = "text", Expert = part.Expert, Content = text };
                    db.Parts.Add(row);
                    _inserted.Add((part, row));
                }
            }

            foreach (var (e, ordinal) in _events)
            {
                await _writer.ApplyAsync(db, e, ordinal);
            }

            if (_finish is { } f)
            {
                await db.Database.ExecuteSqlAsync($"""UPDATE chat_messages SET "Status" = {f.Status}, "Text" = {f.Text} WHERE "Id" = {messageId}""");
            }
        }

        public override void Saved()
        {
            foreach (var (part, row) in _inserted)
            {
                part.TentativeId = row.Id;
                _started.Add(part);
            }

            _inserted.Clear();
        }

        public override void Committed()
        {
            foreach (var part in _started)
            {
                part.Id ??= part.TentativeId;
            }

            _started.Clear();
            base.Committed();
        }

        public override void RolledBack()
        {
            foreach (var part in _started.Where(p => p.Id is null))
            {
                part.TentativeId = null;
            }

            _started.Clear();
            base.RolledBack();
        }
    }

    private string MessageId => messageId;

    /// <summary>The turn start is done before this writer's writes are applied (it went in an earlier round); false
    /// when it failed.</summary>
    private bool RowsExist => rowsWritten is null || rowsWritten.IsCompletedSuccessfully;

    private async Task ApplyAsync(WorkBrainDbContext db, BrainEvent e, int ordinal)
    {
        switch (e)
        {
            case Routed r:
                var decision = JsonSerializer.Serialize(r.Decision, ChatStore.Json);
                // Plain SQL, as the text appends: LINQ's ExecuteUpdate builds and looks up its expression trees every time,
                // and each answer runs this, the stats and the final status once.
                await db.Database.ExecuteSqlAsync($"""UPDATE chat_messages SET "DecisionJson" = {decision} WHERE "Id" = {messageId}""");
                break;
            case Transcribed t:
                // The transcript is the user's words: shown as the user's message and kept as history.
                var user = await db.Messages.FirstAsync(m => m.Id == userMessageId);
                user.Text = string.IsNullOrWhiteSpace(user.Text) ? t.Text : user.Text + "\n" + t.Text;
                AddPart(db, ordinal, "transcribed", t.Expert, JsonSerializer.Serialize(e, ChatStore.Json));
                break;
            case Completed c:
                var stats = JsonSerializer.Serialize(c.Stats, ChatStore.Json);
                await db.Database.ExecuteSqlAsync($"""UPDATE chat_messages SET "StatsJson" = {stats} WHERE "Id" = {messageId}""");
                break;
            case ExpertEvent x:
                AddPart(db, ordinal, x.GetType().Name, x.Expert, JsonSerializer.Serialize(e, ChatStore.Json));
                break;
        }
    }

    private void AddPart(WorkBrainDbContext db, int ordinal, string kind, string expert, string content) =>
        db.Parts.Add(new MessagePartEntity { MessageId = messageId, Ordinal = ordinal, Kind = kind, Expert = expert, Content = content });

    private sealed class TextPart(string expert, int ordinal)
    {
        public string Expert { get; } = expert;

        public int Ordinal { get; } = ordinal;

        /// <summary>The row's id once a committed write created it (set by the queue's one writer only).</summary>
        public long? Id { get; set; }

        /// <summary>The row's id inside a round that has not committed yet.</summary>
        public long? TentativeId { get; set; }

        public StringBuilder Pending { get; } = new();
    }
}
