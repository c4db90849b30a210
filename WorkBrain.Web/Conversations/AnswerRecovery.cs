using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Storage;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>Answers left "streaming" by a process that died cannot finish any more: they become "interrupted", with the text
/// they had written (folded from their stored parts) kept as the message's text, so the next turn sends it as history.
/// Only this instance's answers (and those from before owners were recorded): another replica's may still be running.</summary>
public sealed class AnswerRecovery(IDbContextFactory<WorkBrainDbContext> contexts, IOptions<StorageOptions> storage)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var me = storage.Value.InstanceId;
        var cut = await db.Messages.Include(m => m.Parts)
            .Where(m => m.Status == MessageStatuses.Streaming && (m.Owner == null || m.Owner == me))
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
