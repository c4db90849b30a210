using System.Text.RegularExpressions;

namespace WorkBrain.Core.Gate;

/// <summary>
/// Splits a compound request into clauses so each is routed and each expert gets its own instruction:
/// "帮我写一篇《春天来了》的文章，并配一张图片" → ["帮我写一篇《春天来了》的文章", "配一张图片"];
/// "write a poem and then read it aloud" → ["write a poem", "read it aloud"]. Splits on sentence punctuation and on
/// connectors (并/并且/然后/再/同时/顺便/接着/另外, and/then/also) only where a new request begins, so "pros and cons"
/// or "合并" stay whole. Text inside quotes and 《》 is never split.
/// </summary>
public static partial class ClauseSplitter
{
    // Chinese: punctuation or a connector followed by what starts a new request.
    [GeneratedRegex(
        @"(?:[。！？!?；;\n]+|[，,、]?\s*(?:并且|然后再|然后|接着|同时|顺便|另外|之后再|之后|最后|还要|并|再)(?=\s*(?:帮我|给我|请|把|用|将|配|画|生成|写|读|念|朗读|播报|转|翻译|总结|告诉|查|算|计算|搜索|识别|描述|分析|做|设计|提取|整理|说|列|找|回答|讲|解释|配上|再|来)))")]
    private static partial Regex ChineseBreak();

    // English: punctuation, or a connector before a verb that starts a new request.
    [GeneratedRegex(
        @"(?:(?<=[a-z0-9\)""'])[.!?;]+\s+|\n+|,?\s+(?:and\s+then|and\s+also|and|then|also|plus)\s+(?=(?:please\s+|also\s+|then\s+)?(?:write|draw|generate|create|make|paint|read|say|speak|tell|translate|transcribe|summari[sz]e|describe|explain|check|look|find|search|calculate|compute|convert|turn|give|show|list|design|render|sketch|add|narrate|answer|extract|analy[sz]e|identify|play|voice|record|caption|compose|draft|recommend|suggest|set|remind|rewrite|polish|put|send|reply|produce|illustrate|what|how|who|where|when|which)\b))",
        RegexOptions.IgnoreCase)]
    private static partial Regex EnglishBreak();

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
        var cuts = new List<(int Start, int End)>();
        foreach (Match m in ChineseBreak().Matches(masked))
        {
            cuts.Add((m.Index, m.Index + m.Length));
        }

        foreach (Match m in EnglishBreak().Matches(masked))
        {
            cuts.Add((m.Index, m.Index + m.Length));
        }

        cuts.Sort((a, b) => a.Start.CompareTo(b.Start));
        var clauses = new List<string>();
        var position = 0;
        foreach (var (start, end) in cuts)
        {
            if (start < position)
            {
                position = Math.Max(position, end);
                continue;
            }

            Add(clauses, trimmed[position..start]);
            position = end;
        }

        Add(clauses, trimmed[position..]);
        return clauses.Count == 0 ? [trimmed] : clauses;
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
