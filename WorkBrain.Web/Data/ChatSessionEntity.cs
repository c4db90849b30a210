namespace WorkBrain.Web.Data;

public sealed class ChatSessionEntity
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Title { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public List<ChatMessageEntity> Messages { get; init; } = [];
}
