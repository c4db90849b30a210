using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;

namespace WorkBrain.Tests.Core.Orchestration;

public sealed class UserSafeTextTests
{
    [Theory]
    [InlineData("The model server at http://10.0.0.5:8000/v1 refused.", "10.0.0.5")]
    [InlineData("Model not downloaded: /srv/workbrain/models/qwen/model.onnx is missing.", "/srv/")]
    [InlineData(@"Cannot open C:\models\qwen\model.onnx", @"C:\models")]
    public void Scrub_RemovesAddressesAndAbsolutePaths(string message, string secret)
    {
        var scrubbed = UserSafeText.Scrub(message);

        Assert.DoesNotContain(secret, scrubbed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("No text model configured: set TextGeneration:Endpoint and TextGeneration:Model.")]
    [InlineData("Pull it with: models pull whisper-base (models/whisper-base).")]
    [InlineData("Send audio to /v1/audio/transcriptions instead.")]
    public void Scrub_KeepsAdviceAndRelativePaths(string message) => Assert.Equal(message, UserSafeText.Scrub(message));

    [Fact]
    public void Describe_UnexpectedErrors_ArePlainSentences_WithoutTypesOrAddresses()
    {
        var (unreachable, reason) = ExpertRunner.Describe(new HttpRequestException("Connection refused (10.0.0.5:8000)"), wrote: false);
        Assert.Equal(FailureReasons.Error, reason);
        Assert.DoesNotContain("10.0.0.5", unreachable, StringComparison.Ordinal);

        var (cut, cutReason) = ExpertRunner.Describe(new IOException("The response ended prematurely."), wrote: true);
        Assert.Equal(FailureReasons.Interrupted, cutReason);
        Assert.DoesNotContain("Exception", cut, StringComparison.Ordinal);

        Assert.Equal(FailureReasons.Timeout, ExpertRunner.Describe(new TimeoutException("late"), wrote: false).Reason);
        Assert.Equal("Set it up first.", ExpertRunner.Describe(new ExpertException("Set it up first."), wrote: false).Message);
    }
}
