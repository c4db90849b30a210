using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Conversations;

/// <summary>Checks a list of experts a client asked for (hub <c>Ask</c>, "re-run on"): known ids only, no
/// duplicates, at most <c>Gate:MaxExperts</c>, so one request never fans out into many model calls or new metric labels.</summary>
public static class ExpertChoice
{
    /// <summary>The list itself, or null when it is empty; <see cref="ArgumentException"/> with a message for the user otherwise.</summary>
    public static IReadOnlyList<string>? Validate(IReadOnlyList<string>? experts, int maxExperts, ExpertCatalog? catalog = null)
    {
        if (experts is null || experts.Count == 0)
        {
            return null;
        }

        if (experts.Count > maxExperts)
        {
            throw new ArgumentException($"At most {maxExperts} experts can answer one request; {experts.Count} were asked for.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in experts)
        {
            if (string.IsNullOrEmpty(id) || !(catalog?.IsKnown(id) ?? ExpertIds.IsKnown(id)))
            {
                throw new ArgumentException($"Unknown expert '{Shorten(id)}': use one of {string.Join(", ", catalog?.All.Select(d => d.Id) ?? ExpertIds.All)}.");
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"The expert '{id}' is listed more than once.");
            }
        }

        return experts;
    }

    private static string Shorten(string? id) => id is null ? "" : id.Length <= 40 ? id : id[..40] + "…";
}
