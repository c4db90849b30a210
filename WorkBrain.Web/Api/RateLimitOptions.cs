using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Api;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>API and upload requests one user may make per minute.</summary>
    [Range(1, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 120;
}
