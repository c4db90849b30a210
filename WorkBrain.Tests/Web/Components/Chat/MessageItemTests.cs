using Bunit;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Data;

namespace WorkBrain.Tests.Web.Components.Chat;

public sealed class MessageItemTests : BunitTestBase
{
    private static MessageView Answer(params BrainEvent[] events)
    {
        var view = new MessageView { Id = "m1", Role = MessageRoles.Assistant, Status = MessageStatuses.Streaming };
        foreach (var e in events)
        {
            view.Apply(e);
        }

        return view;
    }

    [Fact]
    public void Render_ModelWritesHtml_ItIsShownAsTextNotMarkup()
    {
        var view = Answer(new TextDelta(ExpertIds.TextGeneration, "<script>alert(1)</script> **bold** [x](javascript:alert(2))"));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("bold", cut.Find("strong").TextContent);
        Assert.DoesNotContain("javascript:", cut.Find("a").GetAttribute("href") ?? "", StringComparison.Ordinal);
        Assert.Contains("<script>", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_GateDecision_ShowsEachSelectedExpertWithProbability()
    {
        var scores = ExpertIds.All.ToDictionary(id => id, _ => 0f);
        var decision = new GateDecision(scores,
            [new ExpertSelection(ExpertIds.TextGeneration, 0.91f, "写文章"), new ExpertSelection(ExpertIds.ImageGeneration, 0.87f, "配图")], "onnx", 0.2);

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Answer(new Routed(decision))));

        var badges = cut.FindAll(".gate-badge");
        Assert.Equal(2, badges.Count);
        Assert.Equal(ExpertIds.ImageGeneration, badges[1].GetAttribute("data-expert"));
        Assert.Contains("0.87", badges[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FailedExpert_UserSeesAPlainSentence_BelowTheOthersOutput()
    {
        var view = Answer(
            new ExpertFailed(ExpertIds.ImageGeneration, "sd-turbo is not downloaded (/srv/models/sd-turbo). Run: dotnet run -- models pull sd-turbo"),
            new TextDelta(ExpertIds.TextGeneration, "Here is the article."));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        var notice = cut.Find("[role=alert]").TextContent;
        Assert.Contains("Image generation could not answer this time.", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("/srv/models", notice, StringComparison.Ordinal);
        Assert.DoesNotContain("models pull", notice, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=expert-error-admin]"));
        Assert.Contains("Here is the article.", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
        // What worked comes first, the failed expert's notice after it.
        var sections = cut.FindAll(".expert-section");
        Assert.Equal(ExpertIds.TextGeneration, sections[0].GetAttribute("data-expert"));
        Assert.Equal(ExpertIds.ImageGeneration, sections[1].GetAttribute("data-expert"));
    }

    [Fact]
    public void Render_FailedExpertInChinese_UserReadsAChineseSentence_TheServersRawAnswerOnlyForAdmins()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(WorkBrain.Web.Localization.UiCultures.Chinese);
        try
        {
            var view = Answer(new ExpertFailed(ExpertIds.ImageGeneration, "The image server answered 500: upstream model crashed"));

            var user = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));
            var admin = Context.Render<MessageItem>(p => p.Add(m => m.Message, view).Add(m => m.IsAdmin, true));

            Assert.Equal("图像服务返回了错误（500）。", user.Find("[data-testid=expert-error-user-detail]").TextContent);
            Assert.DoesNotContain("upstream", user.Find("[role=alert]").TextContent, StringComparison.Ordinal);
            Assert.Equal("图像服务返回了错误（500）：upstream model crashed", admin.Find("[data-testid=expert-error-detail]").TextContent);

            // A text no template knows is not shown to users in Chinese; the notice's own sentence says what happened.
            var unknown = Context.Render<MessageItem>(p => p.Add(m => m.Message, Answer(new ExpertFailed(ExpertIds.ImageGeneration, "Some English words from a server"))));
            Assert.Empty(unknown.FindAll("[data-testid=expert-error-user-detail]"));
            Assert.DoesNotContain("English", unknown.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void Render_DiffusionPreview_ShownUnderTheBar_ThenReplacedByTheImage()
    {
        const string preview = "data:image/jpeg;base64,/9j/4AAQSkZJRg==";
        var view = Answer(new ExpertStarted(ExpertIds.ImageGeneration, "画一只猫"), new ExpertProgress(ExpertIds.ImageGeneration, 0.25, "step 1/4", preview));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Equal(preview, cut.Find("[data-testid=expert-progress] [data-testid=diffusion-preview]").GetAttribute("src"));

        view.Apply(new ImageReady(ExpertIds.ImageGeneration, "/files/cat", "画一只猫"));
        cut.Render(p => p.Add(m => m.Message, view));

        Assert.Empty(cut.FindAll("[data-testid=diffusion-preview]"));
        Assert.Empty(cut.FindAll("[data-testid=expert-progress]"));
        Assert.Single(cut.FindAll("[data-testid=gallery-item]"));
    }

    [Fact]
    public void Render_ProgressWithoutPreview_ShowsTheBarAlone_AndNoOtherKindOfUrl()
    {
        var remote = Answer(new ExpertStarted(ExpertIds.ImageGeneration, "x"), new ExpertProgress(ExpertIds.ImageGeneration, 0.5, "step 2/4"));
        var odd = Answer(new ExpertStarted(ExpertIds.ImageGeneration, "x"), new ExpertProgress(ExpertIds.ImageGeneration, 0.5, "step 2/4", "https://elsewhere.example/p.jpg"));

        Assert.Empty(Context.Render<MessageItem>(p => p.Add(m => m.Message, remote)).FindAll("[data-testid=diffusion-preview]"));
        Assert.Empty(Context.Render<MessageItem>(p => p.Add(m => m.Message, odd)).FindAll("[data-testid=diffusion-preview]"));
    }

    [Fact]
    public void Render_FailedExpert_AdminSeesTheFixAndALinkToTheDashboard()
    {
        var view = Answer(new ExpertFailed(ExpertIds.ImageGeneration, "No image model: run models pull sd-turbo"));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view).Add(m => m.IsAdmin, true));

        Assert.Contains("models pull sd-turbo", cut.Find("[data-testid=expert-error-detail]").TextContent, StringComparison.Ordinal);
        Assert.Equal("admin", cut.Find("[data-testid=expert-error-admin]").GetAttribute("href"));
    }

    [Fact]
    public void Render_FallbackSelection_BadgeSaysItAnsweredAsTheFallback()
    {
        var scores = ExpertIds.All.ToDictionary(id => id, _ => 0f);
        var decision = new GateDecision(scores, [new ExpertSelection(ExpertIds.TextGeneration, 0f, "hm")], "onnx", 0.1);

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Answer(new Routed(decision))));

        var badge = cut.Find(".gate-badge");
        Assert.Contains("fallback", badge.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0.00", badge.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReadAloudSentences_OneCompactPlayerForTheAnswer()
    {
        var view = Answer(
            new TextDelta(ExpertIds.TextGeneration, "One. Two. Three."),
            new AudioReady(ExpertIds.Tts, "/files/a", 1.0),
            new AudioReady(ExpertIds.Tts, "/files/b", 1.5),
            new AudioReady(ExpertIds.Tts, "/files/c", 0.5));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Single(cut.FindAll("[data-testid=audio-player]"));
        Assert.Empty(cut.FindAll("audio"));
        Assert.Equal(["/files/a", "/files/b", "/files/c"], cut.FindAll("[data-testid=audio-player] [data-src]").Select(e => e.GetAttribute("data-src")));
        Assert.Equal("0:03", cut.Find(".ap-time").TextContent);
    }

    [Fact]
    public void Render_CodeBlock_HasAHeaderWithLanguageAndCopyButton()
    {
        var view = Answer(new TextDelta(ExpertIds.TextGeneration, "```python\nprint(1)\n```"));
        view.Status = MessageStatuses.Complete; // while it streams, blocks render bare (StreamingMarkdown); the frame comes with the finished answer

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Equal("python", cut.Find(".code-block .code-lang").TextContent);
        Assert.Equal("code", cut.Find(".code-block .code-copy").GetAttribute("data-copy"));
        Assert.Empty(cut.FindAll("[onclick]"));
    }

    [Fact]
    public void NotifyChanged_OnlyTheChangedMessageRendersAgain()
    {
        var view = Answer(new TextDelta(ExpertIds.TextGeneration, "one"));
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(m => m.Message, view)); // same version: the parent re-rendered, this message did not change
        Assert.Equal(renders, cut.RenderCount);

        view.Apply(new TextDelta(ExpertIds.TextGeneration, " two"));
        cut.InvokeAsync(() => cut.Instance.NotifyChanged());
        cut.WaitForAssertion(() => Assert.Equal("one two", cut.Find("[data-testid=answer-text]").TextContent.Trim()));
        Assert.True(cut.RenderCount > renders);
    }

    [Fact]
    public void Render_CodeBlock_KeepsLanguageForHighlighting()
    {
        var view = Answer(new TextDelta(ExpertIds.TextGeneration, "```csharp\nvar x = 1;\n```"));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Contains("language-csharp", cut.Find("pre code").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Regenerate_OnLastFinishedAnswer_InvokesCallback()
    {
        var view = Answer(new TextDelta(ExpertIds.TextGeneration, "done"));
        view.Status = MessageStatuses.Complete;
        var clicked = false;

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view).Add(m => m.IsLast, true).Add(m => m.OnRegenerate, () => clicked = true));
        cut.Find("[data-testid=regenerate]").Click();

        Assert.True(clicked);
    }

    [Fact]
    public void Render_StreamingAnswer_HasNoRegenerate()
    {
        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, Answer()).Add(m => m.IsLast, true).Add(m => m.OnRegenerate, () => { }));

        Assert.Empty(cut.FindAll("[data-testid=regenerate]"));
        Assert.NotEmpty(cut.FindAll(".thinking"));
    }

    [Fact]
    public void Versions_SwitchShowsTheEarlierAnswer_AndBack()
    {
        var earlier = Answer(new TextDelta(ExpertIds.TextGeneration, "first answer"));
        earlier.Status = MessageStatuses.Complete;
        var view = Answer(new TextDelta(ExpertIds.ImageGeneration, "second answer"));
        view.Status = MessageStatuses.Complete;
        view.Versions.Add(earlier);

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view).Add(m => m.IsLast, true));
        Assert.Equal("2 / 2", cut.Find("[data-testid=version-label]").TextContent.Trim());
        Assert.Contains("second answer", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=version-previous]").Click();
        Assert.Equal("1 / 2", cut.Find("[data-testid=version-label]").TextContent.Trim());
        Assert.Contains("first answer", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=version-next]").Click();
        Assert.Contains("second answer", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
    }
}
