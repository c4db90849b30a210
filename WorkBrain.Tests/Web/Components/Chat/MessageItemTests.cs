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
    public void Render_FailedExpert_ShowsItsMessageBesideTheOthersOutput()
    {
        var view = Answer(
            new TextDelta(ExpertIds.TextGeneration, "Here is the article."),
            new ExpertFailed(ExpertIds.ImageGeneration, "No image model: run models pull sd-turbo"));

        var cut = Context.Render<MessageItem>(p => p.Add(m => m.Message, view));

        Assert.Contains("No image model", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Here is the article.", cut.Find("[data-testid=answer-text]").TextContent, StringComparison.Ordinal);
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
}
