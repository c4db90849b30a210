using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.Tools;

/// <summary>
/// Reads what tool a request wants when no text model can choose: a configured service by name or keyword,
/// a unit conversion ("5公里等于多少米", "10 km to miles"), a date/time question ("东京现在几点", "what time is it in
/// New York") or an arithmetic expression ("3加5乘2", "what is (2+3)^2"). Deterministic; null when nothing fits.
/// </summary>
public static partial class ToolIntentParser
{
    private static readonly string[] Connectors =
        ["等于多少", "是多少", "换算成", "换算为", "转换成", "转换为", "转成", "转为", "等于", "折合", "相当于", "合", "是", "=", " to ", " into ", " in ", " as "];

    private static readonly string[] CalcPrefixes =
        ["please", "calculate", "compute", "evaluate", "what is", "what's", "whats", "how much is", "请帮我算", "帮我算一下", "帮我算", "请计算", "计算一下", "计算", "算一下", "算算", "请算", "请", "求"];

    private static readonly string[] CalcSuffixes =
        ["等于多少", "等于几", "是多少", "得多少", "的结果", "结果", "是几", "等于", "=?", "=", "?", "？", ".", "。", "!", "！", "呢", "吗"];

    public static ToolIntent? Parse(string text, IReadOnlyList<HttpServiceTool> services)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(services);
        var normalized = ExpressionText.Normalize(text).Trim();
        if (normalized.Length == 0)
        {
            return null;
        }

        return ParseService(normalized, services) ?? ParseConversion(normalized) ?? ParseTime(normalized) ?? ParseArithmetic(normalized);
    }

    internal static ToolIntent? ParseService(string text, IReadOnlyList<HttpServiceTool> services)
    {
        foreach (var service in services)
        {
            var words = new[] { service.Name }.Concat(service.Options.Keywords).Where(w => !string.IsNullOrWhiteSpace(w));
            var word = words.FirstOrDefault(w => ContainsWord(text, w));
            if (word is null)
            {
                continue;
            }

            var args = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var p in service.Parameters)
            {
                var m = Regex.Match(text, Regex.Escape(p) + @"\s*[=:：]\s*(?<v>""[^""]*""|\S+)", RegexOptions.IgnoreCase);
                if (m.Success)
                {
                    args[p] = m.Groups["v"].Value.Trim('"');
                }
            }

            if (service.Parameters.Count == 1 && args.Count == 0)
            {
                var rest = text.Replace(word, " ", StringComparison.OrdinalIgnoreCase);
                rest = FillerWords().Replace(rest, " ").Trim(' ', '?', '？', '。', '.', ',', '，', ':', '：', '!', '！');
                if (rest.Length > 0)
                {
                    args[service.Parameters[0]] = rest;
                }
            }

            return new ToolIntent(service.Name, args);
        }

        return null;
    }

    internal static ToolIntent? ParseConversion(string text)
    {
        var howMany = HowManyPattern().Match(text);
        if (howMany.Success && TryNumber(howMany.Groups["v"].Value, out var hv)
            && FindUnit(howMany.Groups["to"].Value, exact: true) is { } hto && FindUnit(howMany.Groups["from"].Value, exact: false) is { } hfrom)
        {
            return Conversion(hv, hfrom, hto);
        }

        foreach (Match number in NumberPattern().Matches(text))
        {
            if (!TryNumber(number.Value, out var value))
            {
                continue;
            }

            var rest = text[(number.Index + number.Length)..];
            foreach (var connector in Connectors)
            {
                for (var i = rest.IndexOf(connector, StringComparison.OrdinalIgnoreCase); i >= 0;
                     i = rest.IndexOf(connector, i + 1, StringComparison.OrdinalIgnoreCase))
                {
                    var from = rest[..i].Trim();
                    var to = LeadingWords().Replace(rest[(i + connector.Length)..], "");
                    if (from.Length > 0 && FindUnit(from, exact: true) is { } f && FindUnit(to, exact: false) is { } t
                        && UnitConverter.TryFind(f, out var fu) && UnitConverter.TryFind(t, out var tu) && fu.Category == tu.Category)
                    {
                        return Conversion(value, f, t);
                    }
                }
            }
        }

        return null;
    }

    internal static ToolIntent? ParseTime(string text)
    {
        if (!TimePattern().IsMatch(text))
        {
            return null;
        }

        var zone = TimeZoneNames.FindIn(text);
        return new ToolIntent(DateTimeTool.Name, new Dictionary<string, object?> { ["timeZone"] = zone?.Id });
    }

    internal static ToolIntent? ParseArithmetic(string text)
    {
        var expression = text.Trim();
        string before;
        do
        {
            before = expression;
            foreach (var p in CalcPrefixes)
            {
                if (expression.StartsWith(p, StringComparison.OrdinalIgnoreCase))
                {
                    expression = expression[p.Length..].TrimStart(' ', ':', '：', ',', '，');
                }
            }

            foreach (var s in CalcSuffixes)
            {
                if (expression.EndsWith(s, StringComparison.OrdinalIgnoreCase))
                {
                    expression = expression[..^s.Length].TrimEnd();
                }
            }
        }
        while (expression != before && expression.Length > 0);

        var hasDigit = expression.Any(char.IsAsciiDigit) || expression.Contains("pi", StringComparison.OrdinalIgnoreCase);
        var hasOperation = expression.IndexOfAny(['+', '-', '*', '/', '%', '^', '(']) >= 0;
        return hasDigit && hasOperation && MathOnly().IsMatch(expression)
            ? new ToolIntent(BuiltInTools.CalculatorName, new Dictionary<string, object?> { ["expression"] = expression })
            : null;
    }

    private static ToolIntent Conversion(double value, string from, string to) =>
        new(BuiltInTools.UnitsName, new Dictionary<string, object?> { ["value"] = value, ["from"] = from, ["to"] = to });

    /// <summary>The unit named by <paramref name="text"/>; when not exact, the longest known unit its start names ("miles please?" → miles).</summary>
    private static string? FindUnit(string text, bool exact)
    {
        var s = text.Trim().Trim('?', '？', '。', '.', ',', '，', '!', '！');
        if (exact)
        {
            return UnitConverter.TryFind(s, out _) ? s : null;
        }

        for (var length = s.Length; length > 0; length--)
        {
            var candidate = s[..length].Trim();
            if (candidate.Length > 0 && UnitConverter.TryFind(candidate, out _)
                && (length == s.Length || !char.IsAsciiLetter(s[length]) || !char.IsAsciiLetter(s[length - 1])))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool ContainsWord(string text, string word)
    {
        var i = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        if (i < 0)
        {
            return false;
        }

        if (!char.IsAsciiLetterOrDigit(word[0]))
        {
            return true;
        }

        var end = i + word.Length;
        return (i == 0 || !char.IsAsciiLetterOrDigit(text[i - 1])) && (end >= text.Length || !char.IsAsciiLetterOrDigit(text[end]));
    }

    [GeneratedRegex(@"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^\s*(?:多少|几|how\s+many|how\s+much)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingWords();

    [GeneratedRegex(@"how\s+many\s+(?<to>.+?)\s+(?:are\s+|is\s+)?(?:in|make)\s+(?:a\s+)?(?<v>[-+]?\d+(?:\.\d+)?)\s*(?<from>.+)", RegexOptions.IgnoreCase)]
    private static partial Regex HowManyPattern();

    [GeneratedRegex(@"几点|时间|日期|几号|星期几|周几|礼拜几|今天|现在|时区|\b(?:time|date|today|day\s+is\s+it|what\s+day|timezone|time\s+zone)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"^[0-9a-zA-Z\s.,_+\-*/%^()]+$")]
    private static partial Regex MathOnly();

    [GeneratedRegex(@"查询|查一下|查查|帮我|请|调用|一下|\b(?:please|call|use|the|service|for|of|in|at|what's|what\s+is|get|check|lookup|look\s+up)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FillerWords();
}
