using System.Text.Json;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Conversations;

/// <summary>
/// "Regenerate" and "re-run on" keep the answers they replace: each earlier answer is stored as a "version" part of
/// the new one (oldest first, before its own parts), so the chat can switch between them (‹ 1/2 ›) while the session
/// keeps one answer per question for history, paging and routing feedback.
/// </summary>
internal static class AnswerVersions
{
    public const string Kind = "version";

    /// <summary>At most this many earlier answers are kept per question.</summary>
    public const int MaxKept = 10;

    private sealed record StoredPart(int Ordinal, string Kind, string Expert, string Content);

    private sealed record Stored(
        string Id, string Text, string Status, string? DecisionJson, string? StatsJson, string? ForcedExperts, DateTimeOffset CreatedAt, List<StoredPart> Parts);

    /// <summary>The parts that keep <paramref name="replaced"/> (and the versions they kept) on the new answer.</summary>
    public static IEnumerable<MessagePartEntity> Keep(string messageId, IEnumerable<ChatMessageEntity> replaced)
    {
        var versions = new List<string>();
        foreach (var m in replaced.Where(m => m.Role == MessageRoles.Assistant))
        {
            versions.AddRange(m.Parts.Where(p => p.Kind == Kind).OrderBy(p => p.Ordinal).Select(p => p.Content));
            var parts = m.Parts.Where(p => p.Kind != Kind).OrderBy(p => p.Ordinal).ThenBy(p => p.Id)
                .Select(p => new StoredPart(p.Ordinal, p.Kind, p.Expert, p.Content)).ToList();
            versions.Add(JsonSerializer.Serialize(new Stored(m.Id, m.Text, m.Status, m.DecisionJson, m.StatsJson, m.ForcedExperts, m.CreatedAt, parts), ChatStore.Json));
        }

        var kept = versions.TakeLast(MaxKept).ToList();
        return kept.Select((content, i) => new MessagePartEntity { MessageId = messageId, Ordinal = i - kept.Count, Kind = Kind, Expert = "", Content = content });
    }

    public static MessageView? ToView(string content, string sessionId)
    {
        if (JsonSerializer.Deserialize<Stored>(content, ChatStore.Json) is not { } s)
        {
            return null;
        }

        var entity = new ChatMessageEntity
        {
            Id = s.Id, SessionId = sessionId, Role = MessageRoles.Assistant, Text = s.Text, Status = s.Status, DecisionJson = s.DecisionJson,
            StatsJson = s.StatsJson, ForcedExperts = s.ForcedExperts, CreatedAt = s.CreatedAt,
        };
        entity.Parts.AddRange(s.Parts.Select(p => new MessagePartEntity { MessageId = s.Id, Ordinal = p.Ordinal, Kind = p.Kind, Expert = p.Expert, Content = p.Content }));
        return ChatStore.ToView(entity);
    }
}
