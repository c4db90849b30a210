using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Answering;

namespace WorkBrain.Tests.Core.Documents.Answering;

public sealed class ExtractiveAnswererTests
{
    [Fact]
    public void Answer_ChineseQuestion_HighlightsSpanBetweenContexts()
    {
        var passages = new[] { "重生者在一定时间内为无敌状态。每次泡封会减少生命数，生命数耗完即算为踢爆。以踢爆数计分较多者获胜。" };

        var answer = ExtractiveAnswerer.Answer("生命数耗完即算为什么？", passages);

        Assert.NotNull(answer);
        Assert.Equal("踢爆", answer.Span);
        Assert.Equal("每次泡封会减少生命数，生命数耗完即算为**踢爆**。", answer.Highlighted);
    }

    [Theory]
    [InlineData("若游戏中离，则多少分钟内不得进行配对？", "若游戏中离，则4分钟内不得进行配对。", "4分钟")]
    [InlineData("她是第几位获得冠军的选手？", "她是第二位获得冠军的选手。", "第二位")]
    public void Answer_QuantityQuestion_KeepsCounterAndOrdinal(string question, string passage, string expected)
    {
        Assert.Equal(expected, ExtractiveAnswerer.Answer(question, [passage])?.Span);
    }

    [Fact]
    public void Answer_EnglishQuestion_FindsSubjectBeforeVerbPhrase()
    {
        var passages = new[] { "France is in Europe. Paris is the capital of France. It has many museums." };

        var answer = ExtractiveAnswerer.Answer("What is the capital of France?", passages);

        Assert.NotNull(answer);
        Assert.Equal("Paris", answer.Span);
    }

    [Fact]
    public void Answer_PrefersSentenceFromHigherRankedPassageOnlyWhenItMatches()
    {
        var passages = new[] { "今天天气很好。", "故宫建于明朝永乐年间。" };

        var answer = ExtractiveAnswerer.Answer("故宫建于哪个朝代？", passages);

        Assert.NotNull(answer);
        Assert.Equal(1, answer.PassageIndex);
    }

    [Fact]
    public void Answer_NoOverlap_ReturnsNull()
    {
        Assert.Null(ExtractiveAnswerer.Answer("量子计算", ["The weather is nice."]));
    }

    [Fact]
    public void Metrics_CharacterLevelForChineseWordLevelForEnglish()
    {
        Assert.True(AnswerMetrics.ExactMatch("踢爆。", ["踢爆"]));
        Assert.False(AnswerMetrics.ExactMatch("踢", ["踢爆"]));
        Assert.Equal(2.0 * 0.75 / 1.75, AnswerMetrics.F1("4分钟内", ["4分钟"]), 6);
        Assert.Equal(1.0, AnswerMetrics.F1("The Paris", ["the paris"]));
        Assert.Equal(0.0, AnswerMetrics.F1("", ["x"]));
    }
}
