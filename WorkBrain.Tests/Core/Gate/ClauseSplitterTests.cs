using WorkBrain.Core.Gate;

namespace WorkBrain.Tests.Core.Gate;

public sealed class ClauseSplitterTests
{
    [Theory]
    [InlineData("帮我写一篇《春天来了》的文章，并配一张图片", new[] { "帮我写一篇《春天来了》的文章", "配一张图片" })]
    [InlineData("写一首诗然后读出来", new[] { "写一首诗", "读出来" })]
    [InlineData("识别这张图里的文字并翻译成英文", new[] { "识别这张图里的文字", "翻译成英文" })]
    [InlineData("查一下北京的天气。再写一段出行建议", new[] { "查一下北京的天气", "写一段出行建议" })]
    [InlineData("write a story about a knight and then draw him", new[] { "write a story about a knight", "draw him" })]
    [InlineData("Transcribe the recording, then summarize it.", new[] { "Transcribe the recording", "summarize it" })]
    [InlineData("生成一张蛋糕的图片，写段祝福语，最后用语音读出来", new[] { "生成一张蛋糕的图片", "写段祝福语", "用语音读出来" })]
    [InlineData("write a fairy tale about a fox, draw the fox, and read it aloud", new[] { "write a fairy tale about a fox", "draw the fox", "read it aloud" })]
    [InlineData("先帮我写个开头，然后看看文档里的预算", new[] { "先帮我写个开头", "看看文档里的预算" })]
    public void Split_CompoundRequest_ReturnsEachClause(string text, string[] expected)
    {
        Assert.Equal(expected, ClauseSplitter.Split(text));
    }

    [Theory]
    [InlineData("summarize the pros and cons of remote work")]
    [InlineData("把这两个文件合并成一个")]
    [InlineData("朗读《再别康桥》")]
    [InlineData("say \"read and draw\" out loud")]
    [InlineData("这张图好看吗")]
    [InlineData("你好，画只猫")]
    [InlineData("hey there, draw a cat")]
    [InlineData("帮我写篇文章，画面感强一点")]
    [InlineData("用男声读这段：各位乘客请注意，列车即将进站")]
    public void Split_SingleRequest_KeepsItWhole(string text)
    {
        Assert.Equal([text], ClauseSplitter.Split(text));
    }

    [Fact]
    public void Split_Blank_ReturnsNothing()
    {
        Assert.Empty(ClauseSplitter.Split("  "));
    }

    [Theory]
    [InlineData("请帮我写一篇文章，谢谢", "写一篇文章")]
    [InlineData("Could you please draw a cat for me", "draw a cat")]
    [InlineData("再配一张图", "配一张图")]
    public void Clean_PoliteClause_KeepsTheRequest(string clause, string expected)
    {
        Assert.Equal(expected, InstructionCleaner.Clean(clause));
    }
}
