using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace WorkBrain.Web.Localization;

/// <summary>
/// Texts that WorkBrain.Core writes in English (progress, failures, status details, backend names) in the reader's
/// language. Each <c>Core.*</c> entry of the string table is a template: its English value, with <c>{0}</c>, <c>{1}</c>
/// for the parts that vary, is matched against the whole text, and the parts are put into the chosen language's value
/// (each part translated in turn, e.g. the reason after "Speech recognition is not available:"). A text no template
/// matches is shown as Core wrote it. For any user (<see cref="CoreForUser"/>) a template's <c>CoreUser.*</c> twin, when
/// it has one, says the same without the raw detail a server or ffmpeg wrote (that detail is for admins only).
/// </summary>
public static partial class CoreText
{
    private const int MaxCached = 2048;
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Templates = new(Load);
    private static readonly ConcurrentDictionary<(string Culture, bool ForUser, string Text), string?> Cache = new();

    /// <summary>The text in the current UI culture, or as it is when no template matches (what admins read).</summary>
    public static string Core(this IStringLocalizer<Strings> l, string? text) => Lookup(l, text, forUser: false) ?? "";

    /// <summary>The text as any user may read it in the current UI culture: a template's <c>CoreUser.*</c> twin when it
    /// has one; a text no template matches only where the reader reads English (else null: the caller's own sentence
    /// says what happened).</summary>
    public static string? CoreForUser(this IStringLocalizer<Strings> l, string? text) => Lookup(l, text, forUser: true);

    private static string? Lookup(IStringLocalizer<Strings> l, string? text, bool forUser)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var key = (CultureInfo.CurrentUICulture.Name, forUser, text);
        if (Cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var translated = Translate(l, text, depth: 0, forUser, out var matched);
        if (!matched && forUser && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "en")
        {
            translated = null;
        }

        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[key] = translated;
        return translated;
    }

    private static string Translate(IStringLocalizer<Strings> l, string text, int depth, bool forUser, out bool matched)
    {
        foreach (var (key, pattern) in Templates.Value)
        {
            var match = pattern.Match(text);
            if (!match.Success)
            {
                continue;
            }

            var args = match.Groups.Cast<Group>().Skip(1).Where(g => g.Success)
                .OrderBy(g => int.Parse(g.Name[1..], CultureInfo.InvariantCulture))
                .Select(g => (object)(depth < 2 ? Translate(l, g.Value, depth + 1, forUser, out _) : g.Value))
                .ToArray();
            var localized = forUser && l["CoreUser" + key[4..], args] is { ResourceNotFound: false } user ? user : l[key, args];
            matched = !localized.ResourceNotFound;
            return matched ? localized.Value : text;
        }

        matched = false;
        return text;
    }

    private static List<(string Key, Regex Pattern)> Load()
    {
        var set = new ResourceManager(typeof(Strings)).GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true);
        var templates = new List<(string Key, string English)>();
        foreach (DictionaryEntry entry in set!)
        {
            if (entry.Key is string key && key.StartsWith("Core.", StringComparison.Ordinal) && entry.Value is string english)
            {
                templates.Add((key, english));
            }
        }

        // The most specific template first: "Looking at the frame at {0}" before "Loading {0}…".
        return templates
            .OrderByDescending(t => Placeholder().Replace(t.English, "").Length)
            .Select(t => (t.Key, new Regex("^" + Placeholder().Replace(Regex.Escape(t.English), m => $"(?<a{m.Groups[1].Value}>.+?)") + "$",
                RegexOptions.CultureInvariant | RegexOptions.Singleline)))
            .ToList();
    }

    [GeneratedRegex(@"\\?\{(\d)\}")]
    private static partial Regex Placeholder();
}
