using WorkBrain.Web.Components.Pages.Chat;

namespace WorkBrain.Tests.Web.Components.Chat;

public sealed class PassageTests
{
    [Fact]
    public void Split_AnswerRepeatsPartOfThePassage_ThatPartIsHighlighted()
    {
        var (before, used, after) = Passage.Split("智能水杯 X1 的电池容量为 1200 mAh，充满电可以使用 15 天。", "电池容量为 1200 mAh。");

        Assert.Equal("智能水杯 X1 的", before);
        Assert.Equal("电池容量为 1200 mAh", used);
        Assert.Equal("，充满电可以使用 15 天。", after);
    }

    [Fact]
    public void Split_NothingInCommon_NothingHighlighted() =>
        Assert.Equal(("abc def", "", ""), Passage.Split("abc def", "xyz"));
}
