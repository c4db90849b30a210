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

            Assert.Equal(Normalize(Renderer.ToHtml(text)), Normalize(live.Html));
        }

        live.Update(Answer);
        Assert.Equal(Normalize(Renderer.ToHtml(Answer)), Normalize(live.Html));
        Assert.True(live.Blocks.Count >= 5, $"finished blocks are kept, not rendered again; got {live.Blocks.Count}: {string.Join(" | ", live.Blocks)}");
        Assert.DoesNotContain("<script>", string.Concat(live.Blocks) + live.Tail, StringComparison.Ordinal);
    }

    /// <summary>A long one-line paragraph (in words, and in Chinese, which has no spaces) after code, a list and a table,
    /// streamed in chunks of uneven size: what is shown equals the whole render of the text so far at every step, while the
    /// part rendered again stays bounded (settled runs of the paragraph are kept).</summary>
    [Theory]
    [InlineData("en")]
    [InlineData("zh")]
    public void Update_LongParagraphInChunks_ShowsTheWholeRenderAndKeepsTheTailShort(string language)
    {
        var sentence = language == "en"
            ? "The *early* spring brings `warm` rain and **long** light to the [garden](https://example.com/garden) near the old_mill. "
            : "春天来了，**花园**里的樱花开得正好，人们在`湖边`散步，孩子们在草地上奔跑。";
        var paragraph = string.Concat(Enumerable.Repeat(sentence, 40_000 / sentence.Length));
        var text = "## Notes\n\n```python\nprint('a')\n\nprint('b')\n```\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" + paragraph + "\n\nThe end.";
        var live = new StreamingMarkdown(Renderer);
        var longestTail = 0;
        for (int end = 0, step = 1; end < text.Length; step = step % 97 + 13)
        {
            end = Math.Min(text.Length, end + step);
            live.Update(text[..end]);
            Assert.Equal(Normalize(Renderer.ToHtml(text[..end])), Normalize(live.Html));
            if (live.ParagraphPieces.Count > 0)
            {
                longestTail = Math.Max(longestTail, live.Tail.Length);
            }
        }

        Assert.InRange(longestTail, 1, 3 * StreamingMarkdown.PieceLength);
        Assert.Equal(Normalize(Renderer.ToHtml(text)), Normalize(live.Html));
    }

    [Fact]
    public void Update_LongParagraphGetsASecondLine_IsRenderedWholeAgain()
    {
        var paragraph = string.Concat(Enumerable.Repeat("Words that go on and on. ", 400));
        var live = new StreamingMarkdown(Renderer);
        live.Update(paragraph);
        Assert.NotEmpty(live.ParagraphPieces);

        // An underline makes the whole paragraph a heading: the settled runs cannot stay paragraph text.
        live.Update(paragraph + "\n---");
        Assert.Empty(live.ParagraphPieces);
        Assert.Equal(Normalize(Renderer.ToHtml(paragraph + "\n---")), Normalize(live.Html));
        Assert.StartsWith("<h2>", live.Html, StringComparison.Ordinal);
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
