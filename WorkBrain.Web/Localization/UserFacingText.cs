using System.Text.RegularExpressions;

namespace WorkBrain.Web.Localization;

/// <summary>Whether an error message may be shown to any user: no file paths, commands, settings or addresses,
/// which are for admins only.</summary>
public static partial class UserFacingText
{
    public static bool IsSafe(string? message) =>
        !string.IsNullOrWhiteSpace(message) && message.Length <= 200 && !AdminOnly().IsMatch(message);

    [GeneratedRegex(@"[/\\][\w.\-]+[/\\]|\b[A-Z]:\\|\bdotnet\b|\bmodels (pull|list)\b|\bWORKBRAIN_|https?://|\brun:|\bset [A-Z]\w*:|[A-Z][a-zA-Z]+:[A-Z][a-zA-Z]+|\bexception\b|\bstack\b|appsettings|\.onnx|\.gguf", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AdminOnly();
}
