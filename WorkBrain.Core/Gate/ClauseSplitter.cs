using System.Text.RegularExpressions;

namespace WorkBrain.Core.Gate;

/// <summary>
/// Splits a compound request into clauses so each is routed and each expert gets its own instruction:
/// "帮我写一篇《春天来了》的文章，并配一张图片" → ["帮我写一篇《春天来了》的文章", "配一张图片"];
/// "write a poem and then read it aloud" → ["write a poem", "read it aloud"]. Splits on sentence punctuation and on
/// connectors (并/并且/然后/再/同时/顺便/接着/另外, and/then/also) only where a new request begins, so "pros and cons"
/// or "合并" stay whole; a bare comma splits before a request verb when a request stands before it
/// ("生成一张图片，写段祝福语", but "你好，画只猫" stays whole). Text inside quotes and 《》 is never split.
/// </summary>
public static partial class ClauseSplitter
{
    // Chinese: punctuation or a connector followed by what starts a new request.
    [GeneratedRegex(
        @"(?:[。！？!?；;\n]+|[，,、]?\s*(?:并且|然后再|然后|接着|同时|顺便|另外|之后再|之后|最后|还要|并|再)(?=\s*(?:帮我|给我|请|把|用|将|配|画|生成|写|读|念|朗读|播报|转|翻译|总结|告诉|查|算|计算|搜索|识别|描述|分析|做|设计|提取|整理|说|列|找|回答|讲|解释|配上|再|来|看看|看一下|听|编|起)))")]
    private static partial Regex ChineseBreak();

    // English: punctuation, or a connector before a verb that starts a new request.
    [GeneratedRegex(
        @"(?:(?<=[a-z0-9\)""'])[.!?;]+\s+|\n+|,?\s+(?:and\s+then|and\s+also|and|then|also|plus)\s+(?=(?:please\s+|also\s+|then\s+)?(?:write|draw|generate|create|make|paint|read|say|speak|tell|translate|transcribe|summari[sz]e|describe|explain|check|look|find|search|calculate|compute|convert|turn|give|show|list|design|render|sketch|add|narrate|answer|extract|analy[sz]e|identify|play|voice|record|caption|compose|draft|recommend|suggest|set|remind|rewrite|polish|put|send|reply|produce|illustrate|what|how|who|where|when|which)\b))",
        RegexOptions.IgnoreCase)]
    private static partial Regex EnglishBreak();

    // A comma before a verb that starts a new request ("生成一张图片，写段祝福语"; "write a story, draw the hero"); it
    // splits only where the text before it is a request itself (see IsRequest), so "你好，画只猫" stays whole.
    [GeneratedRegex(
        @"[，,]\s*(?=(?:写|画(?![面质家展])|生成|读(?![者书])|念(?!头)|朗读|播报|配[一张个上图段音首]|翻译|总结|转成|编|整理|列[出个一]|做成|做个|做一|换算|算一下|查一下|查下|设计|用.{0,6}?(?:读|念|播报)))")]
    private static partial Regex ChineseCommaBreak();

    [GeneratedRegex(
        @",\s+(?=(?:please\s+|then\s+)?(?:write|draw|generate|create|make|paint|read|say|translate|transcribe|summari[sz]e|describe|convert|turn|design|render|sketch|narrate|compose|draft|illustrate|book|remind|set|check)\b)",
        RegexOptions.IgnoreCase)]
    private static partial Regex EnglishCommaBreak();

    [GeneratedRegex(@"[A-Za-z0-9']+")]
    private static partial Regex Word();

    /// <summary>Text before a comma break must hold this many CJK characters or English words to be a clause.</summary>
    private const int MinCjk = 5;
    private const int MinWords = 4;

    [GeneratedRegex(@"《[^》]*》|“[^”]*”|""[^""]*""|「[^」]*」|'[^']{0,200}'")]
    private static partial Regex Quoted();

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        // Hide quoted spans so a connector or full stop inside a title or a quote cannot split it.
        var masked = Quoted().Replace(trimmed, m => new string('\u0001', m.Length));
        var cuts = new List<(int Start, int End, bool Comma)>();
        AddCuts(cuts, ChineseBreak().Matches(masked), false);
        AddCuts(cuts, EnglishBreak().Matches(masked), false);
        AddCuts(cuts, ChineseCommaBreak().Matches(masked), true);
        AddCuts(cuts, EnglishCommaBreak().Matches(masked), true);
        cuts.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End != b.End ? a.End.CompareTo(b.End) : a.Comma.CompareTo(b.Comma));
        var clauses = new List<string>();
        var position = 0;
        foreach (var (start, end, comma) in cuts)
        {
            if (start < position)
            {
                position = Math.Max(position, end);
                continue;
            }

            if (comma && !IsRequest(trimmed.AsSpan(position, start - position)))
            {
                continue;
            }

            Add(clauses, trimmed[position..start]);
            position = end;
        }

        Add(clauses, trimmed[position..]);
        return clauses.Count == 0 ? [trimmed] : clauses;
    }

    private static void AddCuts(List<(int Start, int End, bool Comma)> cuts, MatchCollection matches, bool comma)
    {
        foreach (Match m in matches)
        {
            cuts.Add((m.Index, m.Index + m.Length, comma));
        }
    }

    private static bool IsRequest(ReadOnlySpan<char> segment)
    {
        var cjk = 0;
        foreach (var ch in segment)
        {
            if (ch is >= '\u3400' and <= '\u9fff')
            {
                cjk++;
            }
        }

        return cjk >= MinCjk || Word().Count(segment) >= MinWords;
    }

    private static void Add(List<string> clauses, string clause)
    {
        var c = clause.Trim().Trim('，', ',', '、', '。', '；', ';', ' ', '.', '!', '！', '?', '？');
        if (c.Length > 0 && c.Any(char.IsLetterOrDigit))
        {
            clauses.Add(c);
        }
    }
}
