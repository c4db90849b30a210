using System.Globalization;
using Bunit;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Shared;

namespace WorkBrain.Tests.Web.Components.Shared;

/// <summary>Times are shown in the browser's time zone, not the server's: UTC until the browser answers.</summary>
public sealed class LocalTimeTests : BunitTestBase, IDisposable
{
    private static readonly DateTimeOffset Moment = new(2026, 12, 2, 23, 30, 0, TimeSpan.Zero);
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public void Dispose() => CultureInfo.CurrentCulture = _culture;

    [Fact]
    public void Render_BrowserInShanghai_ShowsTheNextMorningThere()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-Hans");
        Context.JSInterop.Setup<string?>("workbrainUi.timeZone").SetResult("Asia/Shanghai");

        var cut = Context.Render<LocalTime>(p => p.Add(t => t.Value, Moment));

        cut.WaitForAssertion(() => Assert.Equal("2026/12/3 07:30", cut.Markup.Trim()));
        Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "workbrainUi.timeZone");
    }

    [Fact]
    public void Render_BrowserZoneUnknownToTheServer_FallsBackToUtc()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-Hans");
        Context.JSInterop.Setup<string?>("workbrainUi.timeZone").SetResult("Mars/Olympus_Mons");

        var cut = Context.Render<LocalTime>(p => p.Add(t => t.Value, Moment).Add(t => t.TimeOnly, true));

        cut.WaitForAssertion(() => Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "workbrainUi.timeZone"));
        Assert.Equal("23:30:00", cut.Markup.Trim());
    }

    [Fact]
    public void Render_ManyTimes_AsksTheBrowserOncePerCircuit()
    {
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("zh-Hans");
        Context.JSInterop.Setup<string?>("workbrainUi.timeZone").SetResult("America/New_York");

        var first = Context.Render<LocalTime>(p => p.Add(t => t.Value, Moment).Add(t => t.TimeOnly, true));
        first.WaitForAssertion(() => Assert.Equal("18:30:00", first.Markup.Trim()));
        var second = Context.Render<LocalTime>(p => p.Add(t => t.Value, Moment).Add(t => t.TimeOnly, true));

        Assert.Equal("18:30:00", second.Markup.Trim());
        Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "workbrainUi.timeZone");
    }
}
