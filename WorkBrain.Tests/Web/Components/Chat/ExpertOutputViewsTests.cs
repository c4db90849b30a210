using Bunit;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Components.Chat;

/// <summary>Generated images open large in a lightbox with their prompt and a download; a citation opens its passage in
/// a side panel with the part the answer used highlighted.</summary>
public sealed class ExpertOutputViewsTests : BunitTestBase
{
    private static MessageView Answer(params BrainEvent[] events)
    {
        var view = new MessageView { Id = "m1", Role = MessageRoles.Assistant, Status = MessageStatuses.Complete };
        foreach (var e in events)
        {
            view.Apply(e);
        }

        return view;
    }

    private static Routed RoutedTo(string expert) =>
        new(new GateDecision(new Dictionary<string, float> { [expert] = 0.9f }, [new ExpertSelection(expert, 0.9f, "")], "onnx", 1));

    [Fact]
    public void Click_GeneratedImage_OpensTheLightboxWithItsPromptAndADownload_CloseShutsIt()
    {
        var view = Answer(
            RoutedTo(ExpertIds.ImageGeneration),
            new ExpertStarted(ExpertIds.ImageGeneration, "a red fox in the snow"),
            new ImageReady(ExpertIds.ImageGeneration, "/files/one"),
            new ImageReady(ExpertIds.ImageGeneration, "/files/two"));
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));
        Assert.Equal(2, cut.FindAll("[data-testid=gallery-item]").Count);
        Assert.Empty(cut.FindAll("[data-testid=lightbox]"));

        cut.FindAll("[data-testid=gallery-item]")[1].Click();

        var lightbox = cut.Find("[data-testid=lightbox]");
        Assert.Equal("/files/two", lightbox.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("a red fox in the snow", cut.Find("[data-testid=lightbox-prompt]").TextContent);
        var download = cut.Find("[data-testid=lightbox-download]");
        Assert.Equal("/files/two", download.GetAttribute("href"));
        Assert.True(download.HasAttribute("download"));

        cut.Find("[data-testid=lightbox-close]").Click();
        Assert.Empty(cut.FindAll("[data-testid=lightbox]"));
    }

    [Fact]
    public void Click_Citation_OpensThePassageInASidePanel_TheUsedPartHighlighted()
    {
        var view = Answer(
            RoutedTo(ExpertIds.DocumentQa),
            new ExpertStarted(ExpertIds.DocumentQa, "智能水杯 X1 的电池容量是多少？"),
            new TextDelta(ExpertIds.DocumentQa, "电池容量为 500 mAh [1]。"),
            new Citation(ExpertIds.DocumentQa, 1, "x1-manual.txt", "§2", "智能水杯 X1 内置电池容量为 500 mAh 的锂电池，充满电约需 2 小时。"));
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));
        Assert.Empty(cut.FindAll("[data-testid=citation-panel]"));

        cut.Find("[data-testid=citation]").Click();

        var panel = cut.Find("[data-testid=citation-panel]");
        Assert.Contains("x1-manual.txt", panel.TextContent, StringComparison.Ordinal);
        Assert.Contains("充满电约需 2 小时", panel.QuerySelector(".passage")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("电池容量为 500 mAh", cut.Find("[data-testid=citation-highlight]").TextContent.Trim());

        cut.Find("[data-testid=citation-close]").Click();
        Assert.Empty(cut.FindAll("[data-testid=citation-panel]"));
    }
}
