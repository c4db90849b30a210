using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Speech.Asr;

public sealed class AsrExpertTests
{
    private static ExpertRequest RequestWith(params string[] audioPaths) => ExpertRequest.For(
        Turn.FromText("") with
        {
            Attachments = audioPaths.Select(p => new Attachment(Path.GetFileName(p), "audio/wav", AttachmentKind.Audio, p, new FileInfo(p).Length)).ToList(),
        },
        "");

    [Fact]
    public async Task RunAsync_Recording_YieldsTranscribed()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text", maxNewTokens: 3, timestamps: false);
        var expert = new AsrExpert(transcriber);
        var audio = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Good morning.", "en-us", 0.5);

        var events = await expert.RunAsync(RequestWith(audio)).ToListAsync();

        var transcribed = Assert.IsType<Transcribed>(Assert.Single(events));
        Assert.Equal(ExpertIds.Asr, transcribed.Expert);
        Assert.Equal("hello hello hello", transcribed.Text);
        Assert.Equal("de", transcribed.Language);
    }

    [Fact]
    public async Task RunAsync_NoAudio_ThrowsExpertException()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text");

        await Assert.ThrowsAsync<ExpertException>(async () => await new AsrExpert(transcriber).RunAsync(ExpertRequest.For(Turn.FromText("hi"), "hi")).ToListAsync());
    }

    [Fact]
    public async Task RunAsync_CorruptRecording_ThrowsExpertException()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text");
        var path = Path.Combine(SpeechMedia.NewFolder(), "recording.webm");
        await File.WriteAllTextAsync(path, "not audio at all");

        var e = await Assert.ThrowsAsync<ExpertException>(async () => await new AsrExpert(transcriber).RunAsync(RequestWith(path)).ToListAsync());

        Assert.Contains("damaged", e.Message, StringComparison.Ordinal);
    }
}
