using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Events;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Persists one answer's events as they arrive: text is appended to the expert's text part, every other
/// lasting event is stored as its JSON, so a reload mid-stream shows everything already shown.</summary>
internal sealed class MessageEventWriter(IDbContextFactory<WorkBrainDbContext> contexts, string messageId, string userMessageId)
{
    private readonly Dictionary<string, long> _textParts = new(StringComparer.Ordinal);
    private int _ordinal;

    public async Task WriteAsync(BrainEvent e, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        switch (e)
        {
            case TextDelta d when _textParts.TryGetValue(d.Expert, out var partId):
                await db.Database.ExecuteSqlAsync(
                    $"UPDATE chat_message_parts SET Content = Content || {d.Text} WHERE Id = {partId}", cancellationToken);
                break;
            case TextDelta d:
                _textParts[d.Expert] = await InsertAsync(db, "text", d.Expert, d.Text, cancellationToken);
                break;
            case Routed r:
                var decision = JsonSerializer.Serialize(r.Decision, ChatStore.Json);
                await db.Messages.Where(m => m.Id == messageId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.DecisionJson, decision), cancellationToken);
                break;
            case Transcribed t:
                // The transcript is the user's words: shown as the user's message and kept as history.
                var user = await db.Messages.FirstAsync(m => m.Id == userMessageId, cancellationToken);
                user.Text = string.IsNullOrWhiteSpace(user.Text) ? t.Text : user.Text + "\n" + t.Text;
                await db.SaveChangesAsync(cancellationToken);
                await InsertAsync(db, "transcribed", t.Expert, JsonSerializer.Serialize<BrainEvent>(e, ChatStore.Json), cancellationToken);
                break;
            case Completed c:
                var stats = JsonSerializer.Serialize(c.Stats, ChatStore.Json);
                await db.Messages.Where(m => m.Id == messageId)
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.StatsJson, stats), cancellationToken);
                break;
            case ExpertProgress:
                break; // transient: only the live view shows it
            case ExpertEvent x:
                await InsertAsync(db, x.GetType().Name, x.Expert, JsonSerializer.Serialize<BrainEvent>(e, ChatStore.Json), cancellationToken);
                break;
        }
    }

    /// <summary>Marks the answer finished and keeps its text as history for the next turn.</summary>
    public async Task FinishAsync(string status, string answerText)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.Messages.Where(m => m.Id == messageId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, status).SetProperty(m => m.Text, answerText), CancellationToken.None);
    }

    private async Task<long> InsertAsync(WorkBrainDbContext db, string kind, string expert, string content, CancellationToken cancellationToken)
    {
        var part = new MessagePartEntity { MessageId = messageId, Ordinal = _ordinal++, Kind = kind, Expert = expert, Content = content };
        db.Parts.Add(part);
        await db.SaveChangesAsync(cancellationToken);
        return part.Id;
    }
}
