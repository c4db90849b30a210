namespace WorkBrain.Core.Models;

public enum ModelAvailabilityState
{
    NotDownloaded,
    Downloading,
    Ready,
    Failed,
}

/// <summary>Where one manifest entry stands on this machine, for the dashboard and the <c>models</c> command.</summary>
/// <param name="Percent">Download progress 0–100 while downloading (null when the size is unknown).</param>
/// <param name="Detail">Why it failed, or what to do to get it.</param>
public sealed record ModelAvailability(
    string Name,
    string Expert,
    ModelAvailabilityState State,
    long TotalBytes,
    long BytesDone,
    double? Percent,
    string Detail);
