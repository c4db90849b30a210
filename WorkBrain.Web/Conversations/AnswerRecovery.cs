using Microsoft.EntityFrameworkCore;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Answers left "streaming" by a process that died cannot finish any more: they become "interrupted", with the text
/// they had written (folded from their stored parts) kept as the message's text, so the next turn sends it as history.</summary>
public sealed class AnswerRecovery(IDbContextFactory<WorkBrainDbContext> contexts)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cut = await db.Messages.Include(m => m.Parts)
            .Where(m => m.Status == MessageStatuses.Streaming)
            .ToListAsync(cancellationToken);
        foreach (var message in cut)
        {
            message.Text = ChatStore.ToView(message).AnswerText;
            message.Status = MessageStatuses.Interrupted;
        }

        await db.SaveChangesAsync(cancellationToken);
        return cut.Count;
    }
}
