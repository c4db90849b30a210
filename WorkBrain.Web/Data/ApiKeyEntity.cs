namespace WorkBrain.Web.Data;

/// <summary>A user's API key; only its SHA-256 is stored, and its first characters to recognise it by.</summary>
public sealed class ApiKeyEntity
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Name { get; init; }

    public required string Prefix { get; init; }

    public required string Hash { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }
}
