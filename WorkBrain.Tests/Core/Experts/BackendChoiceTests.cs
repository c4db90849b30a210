using WorkBrain.Core.Experts;

namespace WorkBrain.Tests.Core.Experts;

public sealed class BackendChoiceTests
{
    [Theory]
    [InlineData("remote", false, "remote")]
    [InlineData("local", true, "local")]
    [InlineData("auto", true, "remote")]
    [InlineData("auto", false, "local")]
    [InlineData(null, true, "remote")]
    public void Resolve_AsAskedOrServerWhenConfigured(string? backend, bool hasRemote, string expected) =>
        Assert.Equal(expected, BackendChoice.Resolve(backend, hasRemote));
}
