using Bunit;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Chat;

namespace WorkBrain.Tests.Web.Components.Chat;

public sealed class ChatInputTests : BunitTestBase
{
    [Fact]
    public void Send_WithText_RaisesOnSendAndClearsTheBox()
    {
        string? sent = null;
        var cut = Context.Render<ChatInput>(p => p.Add(c => c.OnSend, (ChatSubmission s) => sent = s.Text));

        cut.Find("textarea").Input("写一首诗");
        cut.Find("[data-testid=send]").Click();

        Assert.Equal("写一首诗", sent);
        Assert.Equal("", cut.Find("textarea").GetAttribute("value") ?? "");
    }

    [Fact]
    public async Task SubmitFromKeyboard_WhitespaceOnly_SendsNothing()
    {
        var sent = 0;
        var cut = Context.Render<ChatInput>(p => p.Add(c => c.OnSend, (ChatSubmission _) => sent++));

        await cut.InvokeAsync(() => cut.Instance.SubmitFromKeyboard("   \n"));

        Assert.Equal(0, sent);
    }

    [Fact]
    public void Streaming_ShowsStopWhichRaisesOnStop()
    {
        var stopped = false;
        var cut = Context.Render<ChatInput>(p => p.Add(c => c.OnSend, (ChatSubmission _) => { }).Add(c => c.IsStreaming, true).Add(c => c.OnStop, () => stopped = true));

        cut.Find("[data-testid=stop]").Click();

        Assert.True(stopped);
    }

    [Fact]
    public void FirstRender_WiresKeyboardHandlingScript()
    {
        var cut = Context.Render<ChatInput>(p => p.Add(c => c.OnSend, (ChatSubmission _) => { }));

        Assert.Contains(Context.JSInterop.Invocations, i => i.Identifier == "workbrainChat.attachInput");
    }

    [Fact]
    public void Render_SpeechRecognitionNotReady_MicrophoneIsDisabledAndSaysWhy()
    {
        var cut = Context.Render<ChatInput>(p => p
            .Add(c => c.OnSend, (ChatSubmission _) => { })
            .Add(c => c.RecordingSupported, false)
            .Add(c => c.RecordingUnavailableReason, "Speech recognition is not set up."));

        var mic = cut.Find("button[data-testid=record]");
        Assert.True(mic.HasAttribute("disabled"));
        Assert.Equal("Speech recognition is not set up.", cut.Find("[data-testid=record-unavailable]").GetAttribute("title"));
    }

    [Fact]
    public void Render_PendingImage_ShowsAThumbnailBeforeSending()
    {
        var image = new WorkBrain.Core.Turns.Attachment("cat.jpg", "image/jpeg", WorkBrain.Core.Turns.AttachmentKind.Image, "/tmp/cat.jpg", 10) { FileId = "abc" };
        var doc = new WorkBrain.Core.Turns.Attachment("a.pdf", "application/pdf", WorkBrain.Core.Turns.AttachmentKind.Document, "/tmp/a.pdf", 10) { FileId = "def" };

        var cut = Context.Render<ChatInput>(p => p.Add(c => c.OnSend, (ChatSubmission _) => { }).Add(c => c.Attachments, new[] { image, doc }));

        Assert.Equal("/files/abc", Assert.Single(cut.FindAll("[data-testid=pending-thumb]")).GetAttribute("src"));
        Assert.DoesNotContain("📎", cut.Markup, StringComparison.Ordinal);
    }
}
