using System.Text.RegularExpressions;

namespace WorkBrain.Core.Orchestration;

/// <summary>Removes what an ordinary user must not see from a message: server addresses and absolute file paths.</summary>
public static partial class UserSafeText
{
    public static string Scrub(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var scrubbed = Url().Replace(message, "the server");
        scrubbed = AbsolutePath().Replace(scrubbed, "${lead}(a server path)");
        return scrubbed;
    }

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s""'<>)]+")]
    private static partial Regex Url();

    // /a/b or C:\a\b (two segments or more), not a relative path such as models/whisper-base nor an API route (/v1/...).
    [GeneratedRegex(@"(?<lead>^|[\s(""'=:])(?:(?!/v1/)(?:/[^\s/""'()]+){2,}/?|[A-Za-z]:\\[^\s""']+)")]
    private static partial Regex AbsolutePath();
}
