using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Speech.Asr;

/// <summary>The asr expert's own rules; what it yields with each engine is in <see cref="AsrEngineTests"/>.</summary>
public sealed class AsrExpertTests
{
    [Fact]
    public async Task RunAsync_NoAudio_ThrowsExpertException()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text");

        await Assert.ThrowsAsync<ExpertException>(async () => await new AsrExpert(transcriber).RunAsync(ExpertRequest.For(Turn.FromText("hi"), "hi")).ToListAsync());
    }
}
