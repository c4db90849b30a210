using WorkBrain.Core.Tools;

namespace WorkBrain.Tests.Core.Tools;

public sealed class DateTimeToolTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 30, 0, TimeSpan.Zero);
    private readonly DateTimeTool _tool = new(new FakeClock(Now), TimeZoneInfo.Utc);

    [Theory]
    [InlineData("Asia/Shanghai", "2026-01-15 20:30:00 Thursday (Asia/Shanghai, UTC+08:00)")]
    [InlineData("北京", "2026-01-15 20:30:00 Thursday (Asia/Shanghai, UTC+08:00)")]
    [InlineData("东京", "2026-01-15 21:30:00 Thursday (Asia/Tokyo, UTC+09:00)")]
    [InlineData("New York", "2026-01-15 07:30:00 Thursday (America/New_York, UTC-05:00)")]
    [InlineData("UTC+5:30", "2026-01-15 18:00:00 Thursday (UTC+05:30, UTC+05:30)")]
    [InlineData("GMT-3", "2026-01-15 09:30:00 Thursday (UTC-03:00, UTC-03:00)")]
    [InlineData("Tokyo Standard Time", "21:30:00")]
    [InlineData("伦敦", "2026-01-15 12:30:00 Thursday (Europe/London, UTC+00:00)")]
    public void GetCurrentTime_Zone_ConvertsFakeClock(string zone, string expected) =>
        Assert.Contains(expected, _tool.GetCurrentTime(zone), StringComparison.Ordinal);

    [Fact]
    public void GetCurrentTime_NoZone_UsesDefault() =>
        Assert.Equal("2026-01-15 12:30:00 Thursday (UTC, UTC+00:00)", _tool.GetCurrentTime());

    [Fact]
    public void GetCurrentTime_SummerInNewYork_UsesDaylightTime()
    {
        var tool = new DateTimeTool(new FakeClock(new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero)), TimeZoneInfo.Utc);
        Assert.Contains("08:00:00 Wednesday (America/New_York, UTC-04:00)", tool.GetCurrentTime("纽约"), StringComparison.Ordinal);
    }

    [Fact]
    public void GetCurrentTime_UnknownZone_Throws() =>
        Assert.Contains("Unknown time zone", Assert.Throws<ExpressionException>(() => _tool.GetCurrentTime("Atlantis")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("东京现在几点", "Asia/Tokyo")]
    [InlineData("what time is it in London?", "Europe/London")]
    [InlineData("time in Europe/Paris", "Europe/Paris")]
    [InlineData("later today", null)]
    public void FindIn_FreeText_FindsZone(string text, string? zone) => Assert.Equal(zone, TimeZoneNames.FindIn(text)?.Id);
}
