using Microsoft.Extensions.Localization;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Web.Localization;

/// <summary>A chat's title as the reader sees it: a chat begun without text is "New chat" in their language.</summary>
public static class SessionTitles
{
    public static string SessionTitle(this IStringLocalizer<Strings> l, string? title) =>
        string.IsNullOrWhiteSpace(title) || title == ChatStore.Untitled ? l["Sidebar.NewChat"] : title;
}
