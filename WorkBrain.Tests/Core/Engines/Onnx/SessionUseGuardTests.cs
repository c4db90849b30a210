using WorkBrain.Core.Engines.Onnx;

namespace WorkBrain.Tests.Core.Engines.Onnx;

public sealed class SessionUseGuardTests
{
    [Fact]
    public void Dispose_WhileACallRuns_ReleasesOnlyWhenTheCallEnds()
    {
        var released = 0;
        var guard = new SessionUseGuard("m", () => released++);

        var use = guard.Enter();
        guard.Dispose();
        Assert.Equal(0, released);

        use.Dispose();
        Assert.Equal(1, released);
        guard.Dispose();
        Assert.Equal(1, released);
    }

    [Fact]
    public void Enter_AfterDispose_IsAnObjectDisposedException_NotANativeCrash()
    {
        var released = 0;
        var guard = new SessionUseGuard("gate", () => released++);
        guard.Dispose();

        var ex = Assert.Throws<ObjectDisposedException>(() => guard.Enter());
        Assert.Contains("gate", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, released);
    }

    [Fact]
    public async Task ManyCallsAndADispose_ReleaseExactlyOnce()
    {
        var released = 0;
        var guard = new SessionUseGuard("m", () => Interlocked.Increment(ref released));
        var calls = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                try
                {
                    using var use = guard.Enter();
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        })).ToList();
        guard.Dispose();
        await Task.WhenAll(calls);

        Assert.Equal(1, released);
    }
}
