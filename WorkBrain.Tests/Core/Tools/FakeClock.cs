namespace WorkBrain.Tests.Core.Tools;

/// <summary>A clock fixed at one instant.</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
