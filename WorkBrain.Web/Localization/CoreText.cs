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
/// matches is shown as Core wrote it.
/// </summary>
public static partial class CoreText
{
    private const int MaxCached = 2048;
    private static readonly Lazy<IReadOnlyList<(string Key, Regex Pattern)>> Templates = new(Load);
    private static readonly ConcurrentDictionary<(string Culture, string Text), string> Cache = new();

    /// <summary>The text in the current UI culture, or as it is when no template matches.</summary>
    public static string Core(this IStringLocalizer<Strings> l, string? text)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var key = (CultureInfo.CurrentUICulture.Name, text);
        if (Cache.TryGetValue(key, out var known))
        {
            return known;
        }

        var translated = Translate(l, text, depth: 0);
        if (Cache.Count >= MaxCached)
        {
            Cache.Clear();
        }

        Cache[key] = translated;
        return translated;
    }

    private static string Translate(IStringLocalizer<Strings> l, string text, int depth)
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
                .Select(g => (object)(depth < 2 ? Translate(l, g.Value, depth + 1) : g.Value))
                .ToArray();
            var localized = l[key, args];
            return localized.ResourceNotFound ? text : localized.Value;
        }

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
