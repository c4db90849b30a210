using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Storage;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Sessions and messages of one user at a time; every query is filtered by the owner, so another user's
/// session is simply not found.</summary>
public sealed class ChatStore(IDbContextFactory<WorkBrainDbContext> contexts, TimeProvider clock, IOptions<StorageOptions> storage)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SessionSummary>> ListSessionsAsync(string userId, string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Sessions.AsNoTracking().Where(s => s.UserId == userId);
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            query = query.Where(s => EF.Functions.Like(s.Title, "%" + term + "%"));
        }

        var rows = await query.Select(s => new { s.Id, s.Title, s.UpdatedAt }).ToListAsync(cancellationToken);
        return rows.OrderByDescending(s => s.UpdatedAt).Select(s => new SessionSummary(s.Id, s.Title, s.UpdatedAt)).ToList();
    }

    public async Task<SessionSummary?> GetSessionAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Sessions.AsNoTracking().Where(s => s.Id == sessionId && s.UserId == userId)
            .Select(s => new SessionSummary(s.Id, s.Title, s.UpdatedAt)).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<SessionSummary> CreateSessionAsync(string userId, string title, CancellationToken cancellationToken = default) =>
        contexts.WriteAsync(async db =>
        {
            var session = NewSession(userId, title, clock.GetUtcNow());
            db.Sessions.Add(session);
            await db.SaveChangesAsync(cancellationToken);
            return new SessionSummary(session.Id, session.Title, session.UpdatedAt);
        }, cancellationToken);

    /// <summary>A new session with its first turn (the user's message and an empty streaming answer), in one write;
    /// <paramref name="ids"/> when the caller chose the ids beforehand (to start answering while this is written).</summary>
    public Task<(SessionSummary Session, MessageView User, MessageView Assistant)> StartSessionAsync(
        string userId, string title, string text, IReadOnlyList<Attachment> attachments, string? forcedExperts,
        TurnIds? ids = null, CancellationToken cancellationToken = default) =>
        contexts.WriteAsync(db => StartSessionAsync(db, userId, title, text, attachments, forcedExperts, ids, cancellationToken), cancellationToken);

    /// <summary>The same, on <paramref name="db"/> inside a write the caller runs (the answer write queue's round).</summary>
    internal async Task<(SessionSummary Session, MessageView User, MessageView Assistant)> StartSessionAsync(
        WorkBrainDbContext db, string userId, string title, string text, IReadOnlyList<Attachment> attachments, string? forcedExperts,
        TurnIds? ids, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var session = NewSession(userId, title, now, ids?.Session);
        var (user, assistant) = NewTurn(session.Id, 0, text, attachments, forcedExperts, now, ids);
        db.Sessions.Add(session);
        db.Messages.AddRange(user, assistant);
        await db.SaveChangesAsync(cancellationToken);
        return (new SessionSummary(session.Id, session.Title, session.UpdatedAt), ToView(user), ToView(assistant));
    }

    public async Task<bool> RenameSessionAsync(string userId, string sessionId, string title, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clean = TitleFrom(title);
        return await db.Sessions.Where(s => s.Id == sessionId && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, clean), cancellationToken) > 0;
    }

    public async Task<bool> DeleteSessionAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null)
        {
            return false;
        }

        db.Sessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The newest <paramref name="take"/> messages before <paramref name="beforeSequence"/>, oldest first.</summary>
    public async Task<IReadOnlyList<MessageView>?> LoadMessagesAsync(
        string userId, string sessionId, int take = int.MaxValue, int beforeSequence = int.MaxValue, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken))
        {
            return null;
        }

        var messages = await db.Messages.AsNoTracking().AsSplitQuery()
            .Where(m => m.SessionId == sessionId && m.Sequence < beforeSequence)
            .OrderByDescending(m => m.Sequence).Take(take)
            .Include(m => m.Parts)
            .ToListAsync(cancellationToken);
        return messages.OrderBy(m => m.Sequence).Select(ToView).ToList();
    }

    /// <summary>The oldest <paramref name="take"/> messages after <paramref name="afterSequence"/>, oldest first
    /// (scrolling back down through a long session).</summary>
    public async Task<IReadOnlyList<MessageView>?> LoadMessagesAfterAsync(
        string userId, string sessionId, int afterSequence, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken))
        {
            return null;
        }

        var messages = await db.Messages.AsNoTracking().AsSplitQuery()
            .Where(m => m.SessionId == sessionId && m.Sequence > afterSequence)
            .OrderBy(m => m.Sequence).Take(take)
            .Include(m => m.Parts)
            .ToListAsync(cancellationToken);
        return messages.Select(ToView).ToList();
    }

    public async Task<MessageView?> LoadMessageAsync(string userId, string messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var message = await db.Messages.AsNoTracking().Include(m => m.Parts)
            .FirstOrDefaultAsync(m => m.Id == messageId && m.Session!.UserId == userId, cancellationToken);
        return message is null ? null : ToView(message);
    }

    /// <summary>The finished messages of the session before <paramref name="beforeSequence"/>, as chat history, without
    /// <paramref name="exceptMessageId"/> (a turn's own message, which may be written while this reads).</summary>
    public async Task<List<ChatMessage>> HistoryAsync(
        string sessionId, int beforeSequence, int maxMessages, CancellationToken cancellationToken = default, string? exceptMessageId = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Messages.AsNoTracking()
            .Where(m => m.SessionId == sessionId && m.Sequence < beforeSequence && m.Text != "" && m.Id != exceptMessageId)
            .OrderByDescending(m => m.Sequence).Take(maxMessages)
            .Select(m => new { m.Role, m.Text, m.Sequence })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Sequence)
            .Select(r => new ChatMessage(r.Role == MessageRoles.User ? ChatRole.User : ChatRole.Assistant, r.Text))
            .ToList();
    }

    /// <summary>Adds the user's message and an empty streaming answer after it (with <paramref name="ids"/>' message ids
    /// when given); returns both ids and sequences.</summary>
    public Task<(MessageView User, MessageView Assistant)> AddTurnAsync(
        string userId, string sessionId, string text, IReadOnlyList<Attachment> attachments, string? forcedExperts,
        TurnIds? ids = null, CancellationToken cancellationToken = default) =>
        contexts.WriteAsync(db => AddTurnAsync(db, userId, sessionId, text, attachments, forcedExperts, ids, cancellationToken), cancellationToken);

    /// <summary>The same, on <paramref name="db"/> inside a write the caller runs (the answer write queue's round).</summary>
    internal async Task<(MessageView User, MessageView Assistant)> AddTurnAsync(
        WorkBrainDbContext db, string userId, string sessionId, string text, IReadOnlyList<Attachment> attachments, string? forcedExperts,
        TurnIds? ids, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken)
                      ?? throw new KeyNotFoundException("Session not found.");
        var next = (await db.Messages.Where(m => m.SessionId == sessionId).MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? -1) + 1;
        var now = clock.GetUtcNow();
        var (user, assistant) = NewTurn(sessionId, next, text, attachments, forcedExperts, now, ids);
        db.Messages.AddRange(user, assistant);
        session.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (ToView(user), ToView(assistant));
    }

    private static ChatSessionEntity NewSession(string userId, string title, DateTimeOffset now, string? id = null) =>
        new() { Id = id ?? NewId(), UserId = userId, Title = TitleFrom(title), CreatedAt = now, UpdatedAt = now };

    private (ChatMessageEntity User, ChatMessageEntity Assistant) NewTurn(
        string sessionId, int sequence, string text, IReadOnlyList<Attachment> attachments, string? forcedExperts, DateTimeOffset now, TurnIds? ids = null)
    {
        var user = new ChatMessageEntity
        {
            Id = ids?.User ?? NewId(), SessionId = sessionId, Sequence = sequence, Role = MessageRoles.User, Text = text, CreatedAt = now,
            Status = MessageStatuses.Complete,
        };
        user.Parts.AddRange(attachments.Select((a, i) => new MessagePartEntity
        {
            MessageId = user.Id, Ordinal = i, Kind = "attachment", Expert = "", Content = JsonSerializer.Serialize(a, Json),
        }));
        return (user, NewAssistant(sessionId, sequence + 1, forcedExperts, now, storage.Value.InstanceId, ids?.Assistant));
    }

    /// <summary>Replaces the answer to the last user message with a new streaming one (regenerate / re-run).</summary>
    public Task<(MessageView User, MessageView Assistant)?> ReplaceLastAnswerAsync(
        string userId, string sessionId, string? forcedExperts, CancellationToken cancellationToken = default) =>
        contexts.WriteAsync(db => ReplaceLastAnswerAsync(db, userId, sessionId, forcedExperts, cancellationToken), cancellationToken);

    private async Task<(MessageView User, MessageView Assistant)?> ReplaceLastAnswerAsync(
        WorkBrainDbContext db, string userId, string sessionId, string? forcedExperts, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        var lastUser = await db.Messages.Include(m => m.Parts).Where(m => m.SessionId == sessionId && m.Role == MessageRoles.User)
            .OrderByDescending(m => m.Sequence).FirstOrDefaultAsync(cancellationToken);
        if (lastUser is null)
        {
            return null;
        }

        var replaced = await db.Messages.AsNoTracking().Include(m => m.Parts)
            .Where(m => m.SessionId == sessionId && m.Sequence > lastUser.Sequence).OrderBy(m => m.Sequence).ToListAsync(cancellationToken);
        await db.Messages.Where(m => m.SessionId == sessionId && m.Sequence > lastUser.Sequence).ExecuteDeleteAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var assistant = NewAssistant(sessionId, lastUser.Sequence + 1, forcedExperts, now, storage.Value.InstanceId);
        assistant.Parts.AddRange(AnswerVersions.Keep(assistant.Id, replaced));
        db.Messages.Add(assistant);
        session.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return (ToView(lastUser), ToView(assistant));
    }

    internal static string NewId() => Guid.CreateVersion7().ToString("N");

    internal static string TitleFrom(string text)
    {
        var line = (text ?? "").ReplaceLineEndings(" ").Trim();
        if (line.Length == 0)
        {
            return "New chat";
        }

        return line.Length <= 60 ? line : line[..57] + "…";
    }

    private static ChatMessageEntity NewAssistant(string sessionId, int sequence, string? forced, DateTimeOffset now, string owner, string? id = null) => new()
    {
        Id = id ?? NewId(), SessionId = sessionId, Sequence = sequence, Role = MessageRoles.Assistant,
        Status = MessageStatuses.Streaming, CreatedAt = now, ForcedExperts = forced, Owner = owner,
    };

    internal static MessageView ToView(ChatMessageEntity m)
    {
        var view = new MessageView
        {
            Id = m.Id, Role = m.Role, Sequence = m.Sequence, Text = m.Text, Status = m.Status, CreatedAt = m.CreatedAt,
            ForcedExperts = m.ForcedExperts,
            Decision = m.DecisionJson is null ? null : JsonSerializer.Deserialize<Core.Gate.GateDecision>(m.DecisionJson, Json),
            Stats = m.StatsJson is null ? null : JsonSerializer.Deserialize<TurnStats>(m.StatsJson, Json),
        };
        foreach (var part in m.Parts.OrderBy(p => p.Ordinal).ThenBy(p => p.Id))
        {
            switch (part.Kind)
            {
                case "attachment":
                    view.Attachments.Add(JsonSerializer.Deserialize<Attachment>(part.Content, Json)!);
                    break;
                case "text":
                    view.Section(part.Expert).AppendText(part.Content);
                    break;
                case AnswerVersions.Kind:
                    if (AnswerVersions.ToView(part.Content, m.SessionId) is { } version)
                    {
                        view.Versions.Add(version);
                    }

                    break;
                default:
                    if (JsonSerializer.Deserialize<BrainEvent>(part.Content, Json) is { } e)
                    {
                        view.Apply(e);
                    }

                    break;
            }
        }

        view.Status = m.Status;
        return view;
    }
}
