using System.Text.Json;
using Bunit;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Components.Chat;

/// <summary>OCR boxes over the image and timelines whose timestamps seek the player, in an answer, live and reloaded.</summary>
public sealed class MediaEvidenceViewTests : BunitTestBase
{
    private static readonly TextRegions Sign = new(ExpertIds.ImageUnderstanding, "/files/abc", "sign.png", 700, 200,
    [
        new TextRegion([40, 30, 340, 30, 340, 90, 40, 90], "Hello World", 0.98),
        new TextRegion([40, 120, 260, 120, 260, 180, 40, 180], "你好世界", 0.91),
    ]);

    private static readonly MediaTimeline Clip = new(ExpertIds.VideoUnderstanding, "/files/vid", "clip.mp4", "video", 64,
    [
        new TimelineEntry(0, null, "frame", "a green screen"),
        new TimelineEntry(61.5, 63, "speech", "a tone plays"),
    ]);

    /// <summary>The events as the database gives them back (one JSON part each), folded again.</summary>
    private static MessageView Reloaded(params BrainEvent[] events)
    {
        var view = new MessageView { Id = "m1", Role = MessageRoles.Assistant, Status = MessageStatuses.Complete };
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var e in events)
        {
            view.Apply(JsonSerializer.Deserialize<BrainEvent>(JsonSerializer.Serialize<BrainEvent>(e, options), options)!);
        }

        return view;
    }

    [Fact]
    public void Render_TextRegions_BoxesDrawnOverTheImageInItsPixelSpace()
    {
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Reloaded(new TextDelta(ExpertIds.ImageUnderstanding, "It says Hello World."), Sign)));

        Assert.Equal("/files/abc", cut.Find("[data-testid=ocr-overlay] img").GetAttribute("src"));
        Assert.Equal("0 0 700 200", cut.Find("svg.ocr-boxes").GetAttribute("viewBox"));
        var boxes = cut.FindAll("[data-testid=ocr-box]");
        Assert.Equal(["40,30 340,30 340,90 40,90", "40,120 260,120 260,180 40,180"], boxes.Select(b => b.GetAttribute("points")).ToList());
        Assert.Equal(["Hello World", "你好世界"], cut.FindAll("[data-testid=ocr-line] button").Select(b => b.TextContent).ToList());
    }

    [Fact]
    public void Click_OcrLine_HighlightsItsBox()
    {
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Reloaded(Sign)));

        cut.FindAll("[data-testid=ocr-line] button")[1].Click();

        Assert.Equal([false, true], cut.FindAll("[data-testid=ocr-box]").Select(b => b.ClassList.Contains("active")).ToList());
        cut.Find("[data-testid=ocr-toggle]").Click();
        Assert.Empty(cut.FindAll("[data-testid=ocr-box]"));
    }

    [Fact]
    public void Render_MediaTimeline_PlayerAndTimestampsThatSeekIt()
    {
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Reloaded(Clip)));

        Assert.Equal("/files/vid", cut.Find("[data-testid=media-timeline] video").GetAttribute("src"));
        var seeks = cut.FindAll("[data-testid=timeline-seek]");
        Assert.Equal(["0:00", "1:01"], seeks.Select(s => s.TextContent).ToList());
        Assert.Equal(["0", "61.5"], seeks.Select(s => s.GetAttribute("data-seek")).ToList());
        Assert.Equal(["frame", "speech"], cut.FindAll("[data-testid=timeline-entry]").Select(e => e.ClassList.Contains("speech") ? "speech" : "frame").ToList());
    }

    [Fact]
    public void Render_AudioTimeline_AudioPlayer()
    {
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Reloaded(Clip with { Expert = ExpertIds.Asr, Kind = "audio", MediaUrl = "/files/aud" })));

        Assert.Equal("/files/aud", cut.Find("[data-testid=media-timeline] audio").GetAttribute("src"));
        Assert.Empty(cut.FindAll("[data-testid=media-timeline] video"));
    }
}
