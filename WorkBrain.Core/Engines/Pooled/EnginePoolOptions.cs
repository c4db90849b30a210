using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Engines.Pooled;

/// <summary>How a pool of remote engines is kept healthy (<c>TextGeneration:Pool:*</c>).</summary>
public sealed class EnginePoolOptions
{
    /// <summary>One HTTP attempt (until the response starts) gives up after this long.</summary>
    [Range(0.05, 3600)]
    public double AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>A stream whose first token takes longer is abandoned for another engine.</summary>
    [Range(0.05, 3600)]
    public double FirstTokenTimeoutSeconds { get; set; } = 60;

    /// <summary>Retries of a failed attempt on the same engine, with exponential backoff from <see cref="RetryDelayMilliseconds"/>.</summary>
    [Range(0, 10)]
    public int Retries { get; set; } = 2;

    [Range(1, 60_000)]
    public int RetryDelayMilliseconds { get; set; } = 200;

    /// <summary>The circuit opens when this share of calls failed within <see cref="BreakerSamplingSeconds"/>…</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…with at least this many calls in that window.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 4;

    [Range(0.5, 3600)]
    public double BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long an open circuit stays open before one trial call.</summary>
    [Range(0.5, 3600)]
    public double BreakSeconds { get; set; } = 30;

    /// <summary>How often each engine's <c>/models</c> is probed; an engine that fails is skipped until it answers again.</summary>
    [Range(0.1, 3600)]
    public double HealthCheckSeconds { get; set; } = 15;

    [Range(0.05, 600)]
    public double HealthTimeoutSeconds { get; set; } = 5;
}
