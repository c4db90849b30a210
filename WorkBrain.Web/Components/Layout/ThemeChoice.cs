namespace WorkBrain.Web.Components.Layout;

/// <summary>Where the user's light/dark choice is remembered: a cookie the server reads before the first paint.</summary>
public static class ThemeChoice
{
    public const string CookieName = "workbrain.theme";
}
