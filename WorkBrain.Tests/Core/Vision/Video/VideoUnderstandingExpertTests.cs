using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Turns;
using WorkBrain.Core.Vision.Video;

namespace WorkBrain.Tests.Core.Vision.Video;

public sealed class VideoUnderstandingExpertTests
{
    private static ExpertRequest RequestWith(string path) => ExpertRequest.For(
        new Turn("What happens in this video?", [new Attachment("clip.mp4", "video/mp4", AttachmentKind.Video, path, new FileInfo(path).Length)], "s", "u", []),
        "What happens in this video?");

    private static async Task<(string Text, List<BrainEvent> Events)> RunAsync(IExpert expert, ExpertRequest request)
    {
        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(request))
        {
            events.Add(e);
        }

        return (string.Concat(events.OfType<TextDelta>().Select(d => d.Text)), events);
    }

    [Fact]
    public async Task RunAsync_TwoScenesWithSpeech_AnswersWithATimeline()
    {
        var transcriber = new FakeTranscriber();
        using var provider = VisionHost.Build(configure: s => s.AddSingleton<ISpeechTranscriber>(transcriber));
        var video = await TestVideos.TwoScenesAsync();

        var (text, events) = await RunAsync(provider.Expert<VideoUnderstandingExpert>(), RequestWith(video));

        Assert.Contains("**clip.mp4** (00:04, 640×360, 2 keyframes)", text);
        var lines = text.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("- 00:00 — looks like ", StringComparison.Ordinal));
        var second = Assert.Single(lines, l => l.StartsWith("- 00:02 — looks like ", StringComparison.Ordinal));
        Assert.Contains("SCENETWO", second.Replace(" ", "", StringComparison.Ordinal));
        Assert.Contains("- 00:01–00:03 \"a tone plays\"", text);
        Assert.Equal((1, 16000), (transcriber.Channels, transcriber.SampleRate));
        Assert.Contains(events, e => e is ExpertProgress);
    }

    [Fact]
    public async Task RunAsync_NoTranscriber_SaysTheSoundWasNotTranscribed()
    {
        using var provider = VisionHost.Build();
        var video = await TestVideos.TwoScenesAsync();

        var (text, _) = await RunAsync(provider.Expert<VideoUnderstandingExpert>(), RequestWith(video));

        Assert.Contains("Sound: not transcribed", text);
    }

    [Fact]
    public async Task RunAsync_TextModelAvailable_PhrasesTheTimeline()
    {
        var textModel = new FakeChatClient { Reply = _ => "A green screen throughout." };
        using var provider = VisionHost.Build(textModel: textModel);
        var video = await TestVideos.StillAsync();

        var (text, _) = await RunAsync(provider.Expert<VideoUnderstandingExpert>(), RequestWith(video));

        Assert.Equal("A green screen throughout.", text.Trim());
        Assert.Contains("- 00:01 — looks like", textModel.Received.Last().Text);
        Assert.Contains("no sound track", textModel.Received.Last().Text);
    }

    [Fact]
    public async Task RunAsync_CorruptVideo_ThrowsClearMessage()
    {
        using var provider = VisionHost.Build();
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.mp4");
        await File.WriteAllTextAsync(path, "garbage");

        var ex = await Assert.ThrowsAsync<ExpertException>(() => RunAsync(provider.Expert<VideoUnderstandingExpert>(), RequestWith(path)));

        Assert.Contains("clip.mp4 is not a video", ex.Message);
    }

    [Fact]
    public void GetStatus_NoFfmpeg_IsNotConfigured()
    {
        using var provider = VisionHost.Build(settings: new() { ["VideoUnderstanding:FfmpegFolder"] = "/nonexistent" });

        var status = provider.Expert<VideoUnderstandingExpert>().GetStatus();

        Assert.Equal(ExpertState.NotConfigured, status.State);
        Assert.Contains("ffmpeg", status.Detail);
    }

    private sealed class FakeTranscriber : ISpeechTranscriber
    {
        public int Channels { get; private set; }

        public int SampleRate { get; private set; }

        public ExpertStatus GetStatus() => new(ExpertIds.Asr, ExpertState.Ready, "fake", "CPU", "fake");

        public async Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default)
        {
            var header = (await File.ReadAllBytesAsync(audioPath, cancellationToken))[..44];
            Channels = BitConverter.ToInt16(header, 22);
            SampleRate = BitConverter.ToInt32(header, 24);
            return new Transcript("a tone plays", "en", [new TranscriptSegment(1, 3, "a tone plays")]);
        }
    }
}
