namespace WorkBrain.Web.Conversations;

public sealed record SessionSummary(string Id, string Title, DateTimeOffset UpdatedAt);
