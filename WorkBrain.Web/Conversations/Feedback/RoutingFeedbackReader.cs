using Microsoft.EntityFrameworkCore;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations.Feedback;

/// <summary>Reads the routing feedback of all users: every answer re-run on chosen experts, with the user's request
/// it answers (the user message just before it).</summary>
public sealed class RoutingFeedbackReader(IDbContextFactory<WorkBrainDbContext> contexts)
{
    public async IAsyncEnumerable<RoutingFeedback> ReadAllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = db.Messages.AsNoTracking()
            .Where(a => a.Role == MessageRoles.Assistant && a.ForcedExperts != null && a.ForcedExperts != "")
            .Join(db.Messages.Where(u => u.Role == MessageRoles.User),
                a => new { a.SessionId, Sequence = a.Sequence - 1 },
                u => new { u.SessionId, u.Sequence },
                (a, u) => new { u.Text, a.ForcedExperts, a.CreatedAt })
            .OrderBy(r => r.Text)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var text = row.Text.Trim();
            var labels = row.ForcedExperts!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Distinct(StringComparer.Ordinal).ToList();
            if (text.Length > 0 && labels.Count > 0)
            {
                yield return new RoutingFeedback(text, labels);
            }
        }
    }
}
