namespace WorkBrain.Core.Engines.Pooled;

/// <summary>What /admin shows for one engine of a pool.</summary>
/// <param name="State">"healthy", "unhealthy" (its last call or health check failed), "circuit open" or "circuit half-open".</param>
/// <param name="Reason">Why it is not healthy: the failure that opened the circuit or failed the check; null when healthy.</param>
public sealed record EngineMemberStatus(
    string Capability,
    string Name,
    string Url,
    string Model,
    string State,
    string? Reason,
    int InFlight,
    long Requests,
    long Failures,
    DateTimeOffset? LastFailureAt);
