using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Turns;
using WorkBrain.Core.Vision;
using WorkBrain.Core.Vision.Video;
using WorkBrain.Tests.Core.Vision.Video;

namespace WorkBrain.Tests.Core.Vision;

/// <summary>The evidence the chat draws: OCR regions with their boxes for an attached image, and a video's moments
/// (keyframes and speech) with their times for its player.</summary>
public sealed class MediaEvidenceEventsTests
{
    private static async Task<List<BrainEvent>> RunAsync(IExpert expert, Attachment attachment)
    {
        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(ExpertRequest.For(new Turn("What does it say?", [attachment], "s", "u", []), "What does it say?")))
        {
            events.Add(e);
        }

        return events;
    }

    [Fact]
    public async Task ImageUnderstanding_TextInImage_EmitsRegionsWithBoxesAroundTheText()
    {
        using var provider = VisionHost.Build();
        using var bitmap = VisionTestServices.RenderText(700, 200, 56, ("Hello World", 40, 80), ("你好世界", 40, 170));
        var path = VisionTestServices.SavePng(bitmap, "sign.png");
        var image = new Attachment("sign.png", "image/png", AttachmentKind.Image, path, new FileInfo(path).Length) { FileId = "abc" };

        var regions = Assert.Single((await RunAsync(provider.Expert<ImageUnderstandingExpert>(), image)).OfType<TextRegions>());

        Assert.Equal(("/files/abc", "sign.png", 700, 200), (regions.ImageUrl, regions.FileName, regions.Width, regions.Height));
        var hello = Assert.Single(regions.Regions, r => r.Text.Replace(" ", "", StringComparison.Ordinal) == "HelloWorld");
        Assert.Equal(8, hello.Corners.Count);
        var xs = hello.Corners.Where((_, i) => i % 2 == 0).ToList();
        var ys = hello.Corners.Where((_, i) => i % 2 == 1).ToList();
        // The first line was drawn from x=40 with its baseline at y=80, 56 px high.
        Assert.InRange(xs.Min(), 20, 60);
        Assert.InRange(ys.Min(), 10, 45);
        Assert.InRange(ys.Max(), 70, 110);
        Assert.Contains(regions.Regions, r => r.Text == "你好世界" && r.Corners.Where((_, i) => i % 2 == 1).Min() > ys.Max() - 10);
    }

    [Fact]
    public async Task ImageUnderstanding_NotFromTheFileStore_NoRegionsToDraw()
    {
        using var provider = VisionHost.Build();
        using var bitmap = VisionTestServices.RenderText(700, 200, 56, ("Hello World", 40, 80));
        var path = VisionTestServices.SavePng(bitmap, "plain.png");

        var events = await RunAsync(provider.Expert<ImageUnderstandingExpert>(), new Attachment("plain.png", "image/png", AttachmentKind.Image, path, new FileInfo(path).Length));

        Assert.Empty(events.OfType<TextRegions>());
        Assert.NotEmpty(events.OfType<TextDelta>());
    }

    [Fact]
    public async Task VideoUnderstanding_TwoScenesWithSpeech_EmitsATimelineOfFramesAndSpeech()
    {
        using var provider = VisionHost.Build(configure: s => s.AddSingleton<ISpeechTranscriber>(new SegmentedTranscriber([new TranscriptSegment(1, 3, "a tone plays")])));
        var path = await TestVideos.TwoScenesAsync();
        var video = new Attachment("clip.mp4", "video/mp4", AttachmentKind.Video, path, new FileInfo(path).Length) { FileId = "vid" };

        var timeline = Assert.Single((await RunAsync(provider.Expert<VideoUnderstandingExpert>(), video)).OfType<MediaTimeline>());

        Assert.Equal(("/files/vid", "video"), (timeline.MediaUrl, timeline.Kind));
        Assert.InRange(timeline.DurationSeconds, 3.5, 4.5);
        Assert.Equal([0.0, 1.0, 2.0], timeline.Entries.Select(e => Math.Round(e.StartSeconds)).ToList());
        Assert.Equal(["frame", "speech", "frame"], timeline.Entries.Select(e => e.Kind).ToList());
        Assert.Equal("a tone plays", timeline.Entries[1].Text);
        Assert.Contains("SCENETWO", timeline.Entries[2].Text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asr_LongerRecording_EmitsItsTranscriptWithTimestamps()
    {
        var transcriber = new SegmentedTranscriber([new TranscriptSegment(0, 2.5, " 第一句。"), new TranscriptSegment(2.5, 6, "第二句。 ")]);
        var audio = new Attachment("talk.wav", "audio/wav", AttachmentKind.Audio, "/nowhere/talk.wav", 1) { FileId = "aud" };

        var events = await RunAsync(new AsrExpert(transcriber), audio);

        Assert.IsType<Transcribed>(events[0]);
        var timeline = Assert.IsType<MediaTimeline>(Assert.Single(events.Skip(1)));
        Assert.Equal(("/files/aud", "audio", 6.0), (timeline.MediaUrl, timeline.Kind, timeline.DurationSeconds));
        Assert.Equal([(0.0, "第一句。"), (2.5, "第二句。")], timeline.Entries.Select(e => (e.StartSeconds, e.Text)).ToList());
    }

    [Fact]
    public async Task Asr_ShortVoiceMessage_NoTimelineBesideTheUsersWords()
    {
        var transcriber = new SegmentedTranscriber([new TranscriptSegment(0, 1.5, "你好")]);
        var audio = new Attachment("recording.ogg", "audio/ogg", AttachmentKind.Audio, "/nowhere/recording.ogg", 1) { FileId = "rec" };

        var events = await RunAsync(new AsrExpert(transcriber), audio);

        Assert.IsType<Transcribed>(Assert.Single(events));
    }

    private sealed class SegmentedTranscriber(IReadOnlyList<TranscriptSegment> segments) : ISpeechTranscriber
    {
        public ExpertStatus GetStatus() => new(ExpertIds.Asr, ExpertState.Ready, "fake", "CPU", "fake");

        public Task<Transcript> TranscribeAsync(string audioPath, string? language = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Transcript(string.Concat(segments.Select(s => s.Text)).Trim(), "zh", segments));
    }
}
