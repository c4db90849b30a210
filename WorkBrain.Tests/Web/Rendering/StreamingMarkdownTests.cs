using WorkBrain.Web.Rendering;

namespace WorkBrain.Tests.Web.Rendering;

public sealed class StreamingMarkdownTests
{
    private static readonly MarkdownRenderer Renderer = new();

    private const string Answer =
        "# Spring\n\nThe *first* paragraph\nwith two lines.\n\n```csharp\nvar a = 1;\n\nvar b = 2;\n```\n\n" +
        "- one\n- two\n\n  still item two\n\n1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nLast <script>alert(1)</script> [x](javascript:alert(1)) words.";

    [Fact]
    public void Update_TokenByToken_ShowsWhatTheWholeRenderShows()
    {
        var live = new StreamingMarkdown(Renderer);
        for (var i = 1; i <= Answer.Length; i += 3)
        {
            var text = Answer[..i];
            live.Update(text);

            Assert.Equal(Normalize(Renderer.ToHtml(text)), Normalize(string.Concat(live.Blocks) + live.Tail));
        }

        live.Update(Answer);
        Assert.Equal(Normalize(Renderer.ToHtml(Answer)), Normalize(string.Concat(live.Blocks) + live.Tail));
        Assert.True(live.Blocks.Count >= 5, $"finished blocks are kept, not rendered again; got {live.Blocks.Count}: {string.Join(" | ", live.Blocks)}");
        Assert.DoesNotContain("<script>", string.Concat(live.Blocks) + live.Tail, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_BlankLineInsideAnOpenCodeFence_IsNotABoundary()
    {
        var live = new StreamingMarkdown(Renderer);
        live.Update("Intro\n\n```\ncode\n\nmore code\n");

        Assert.Single(live.Blocks);
        Assert.DoesNotContain("code", live.Blocks[0], StringComparison.Ordinal);
        Assert.Contains("more code", live.Tail, StringComparison.Ordinal);
        Assert.StartsWith("<pre>", live.Tail, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_TextThatChanged_StartsOver()
    {
        var live = new StreamingMarkdown(Renderer);
        live.Update("First answer.\n\nSecond paragraph.");
        live.Update("Other text.");

        Assert.Empty(live.Blocks);
        Assert.Contains("Other text.", live.Tail, StringComparison.Ordinal);
    }

    /// <summary>Loose and tight lists differ only in paragraph tags when a list is cut at a blank line; compare text and tags otherwise.</summary>
    private static string Normalize(string html) => html.Replace("\n", "", StringComparison.Ordinal);
}
