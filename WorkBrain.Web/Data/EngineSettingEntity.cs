namespace WorkBrain.Web.Data;

/// <summary>One configuration key saved from the setup card on /admin (e.g. <c>Engines:Text:setup:Endpoint</c>); secrets
/// (API keys) are stored protected by ASP.NET Data Protection, never in clear.</summary>
public sealed class EngineSettingEntity
{
    public required string Key { get; init; }

    public required string Value { get; set; }

    public bool IsProtected { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
