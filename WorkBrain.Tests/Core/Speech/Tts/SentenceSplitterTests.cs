using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Tests.Core.Speech.Tts;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Append_StreamedChineseAndEnglish_YieldsEachSentenceWhenComplete()
    {
        var splitter = new SentenceSplitter();

        Assert.Empty(splitter.Append("今天天气"));
        Assert.Equal(["今天天气很好。"], splitter.Append("很好。我们"));
        Assert.Equal(["我们去公园吧！"], splitter.Append("去公园吧！The weather"));
        Assert.Empty(splitter.Append(" is fine."));
        Assert.Equal(["The weather is fine."], splitter.Append(" Pi is 3"));
        Assert.Empty(splitter.Append(".14"));
        Assert.Equal("Pi is 3.14", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void Split_QuotesAndBlankLines_StayWithTheirSentence()
    {
        var sentences = SentenceSplitter.Split("He said \"Stop!\" Then left.\n\n# Title\nline 你说“好。”对吗？");

        Assert.Equal(["He said \"Stop!\"", "Then left.", "# Title\nline 你说“好。”", "对吗？"], sentences);
    }

    [Fact]
    public void ScriptRuns_MixedText_SplitsByScript()
    {
        var runs = ScriptRuns.Split("Hello 世界, this is WorkBrain。你好！ 123");

        Assert.Equal(
        [
            new ScriptRun("Hello", false),
            new ScriptRun("世界,", true),
            new ScriptRun("this is WorkBrain。", false),
            new ScriptRun("你好！ 123", true),
        ], runs);
    }

    [Fact]
    public void SpeakableText_Markdown_IsReducedToWords()
    {
        var text = SpeakableText.FromMarkdown("## Result\n\n**Bold** and `code` with a [link](https://example.com).\n\n- item one\n- item two");

        Assert.DoesNotContain("*", text, StringComparison.Ordinal);
        Assert.DoesNotContain("#", text, StringComparison.Ordinal);
        Assert.DoesNotContain("https", text, StringComparison.Ordinal);
        Assert.Contains("Bold and code with a link", text, StringComparison.Ordinal);
        Assert.Contains("item two", text, StringComparison.Ordinal);
    }
}
