using Bunit;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Chat;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Tests.Web.Components.Chat;

public sealed class SessionSidebarTests : BunitTestBase
{
    private static readonly SessionSummary[] Sessions =
    [
        new("a", "春天的文章", DateTimeOffset.UnixEpoch),
        new("b", "Trip to Paris", DateTimeOffset.UnixEpoch),
    ];

    [Fact]
    public void Render_ListsSessionsAndMarksTheCurrentOne()
    {
        var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, Sessions).Add(s => s.CurrentSessionId, "b"));

        var items = cut.FindAll("[data-testid=session]");
        Assert.Equal(2, items.Count);
        Assert.Contains("active", items[1].ClassName, StringComparison.Ordinal);
        Assert.Equal("春天的文章", items[0].QuerySelector(".session-title")!.TextContent);
    }

    [Fact]
    public void Render_ChatBegunWithoutText_IsCalledNewChatInTheReadersLanguage()
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        System.Globalization.CultureInfo.CurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(WorkBrain.Web.Localization.UiCultures.Chinese);
        try
        {
            var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, [new SessionSummary("v", ChatStore.TitleFrom(""), DateTimeOffset.UnixEpoch)]));

            Assert.Equal("新对话", cut.Find(".session-title").TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
    }

    [Fact]
    public void Rename_EnterCommitsTheNewTitle()
    {
        (string Id, string Title)? renamed = null;
        var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, Sessions).Add(s => s.OnRename, ((string Id, string Title) r) => renamed = r));

        cut.FindAll("[data-testid=rename]")[0].Click();
        cut.Find("[data-testid=rename-input]").Input("Spring essay");
        cut.Find("[data-testid=rename-input]").KeyDown("Enter");

        Assert.Equal(("a", "Spring essay"), renamed);
    }

    [Fact]
    public void Delete_AsksFirst_ThenRaisesOnDeleteWithTheSessionId()
    {
        string? deleted = null;
        var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, Sessions).Add(s => s.OnDelete, (string id) => deleted = id));

        cut.FindAll("[data-testid=delete]")[1].Click();
        Assert.Null(deleted);
        cut.Find("[data-testid=confirm-delete]").Click();

        Assert.Equal("b", deleted);
    }

    [Fact]
    public void Delete_Cancelled_DeletesNothing()
    {
        string? deleted = null;
        var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, Sessions).Add(s => s.OnDelete, (string id) => deleted = id));

        cut.FindAll("[data-testid=delete]")[0].Click();
        cut.Find("[data-testid=cancel-delete]").Click();

        Assert.Null(deleted);
        Assert.Empty(cut.FindAll("[data-testid=confirm-delete]"));
        Assert.Equal(2, cut.FindAll("[data-testid=delete]").Count);
    }

    [Fact]
    public void Search_RaisesOnSearchWithTheTerm()
    {
        string? term = null;
        var cut = Context.Render<SessionSidebar>(p => p.Add(s => s.Sessions, Array.Empty<SessionSummary>()).Add(s => s.OnSearch, (string t) => term = t));

        cut.Find("[data-testid=session-search]").Input("paris");

        Assert.Equal("paris", term);
        Assert.Contains("No chat matches", cut.Markup, StringComparison.Ordinal);
    }
}
