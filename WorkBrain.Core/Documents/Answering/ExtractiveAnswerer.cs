using WorkBrain.Core.Documents.Chunking;
using WorkBrain.Core.Documents.Retrieval;

namespace WorkBrain.Core.Documents.Answering;

/// <summary>Answers without a language model: picks the sentence of the top passages that shares the most (weighted) query
/// tokens, then narrows it to the span the question asks for by aligning the words around the question word
/// ("生命数耗完即算为<b>什么</b>" against "生命数耗完即算为踢爆" gives "踢爆").</summary>
public static class ExtractiveAnswerer
{
    private static readonly string[] QuestionWords =
    [
        "什么时候", "哪一年", "为什么", "什么样", "多少", "哪些", "哪个", "哪里", "哪儿", "哪家", "哪位", "哪年", "哪国", "哪种",
        "哪一", "什么", "怎么", "如何", "多久", "多长", "多大", "多高", "多远", "几", "谁", "哪", "何",
        "how many", "how much", "how long", "how old", "what", "which", "whom", "who", "when", "where", "why", "how",
    ];

    private static readonly string[] MultiCharCounters = ["平方公里", "分钟", "公里", "厘米", "毫米", "公斤", "千米", "小时", "个月", "万人", "万元", "亿元", "平方米"];

    private const string Counters = "个名次年岁位种只条件天米元人座部本项届场倍度页张台辆家所层章集号周岁月日秒克吨";

    private static readonly char[] ClauseBreaks = ['，', '。', '；', '！', '？', '、', '：', ',', ';', '!', '?', ':', '\n', '(', '（', ')', '）'];

    public static ExtractiveAnswer? Answer(string question, IReadOnlyList<string> passages, int maxPassages = 3)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(passages);
        var queryTokens = SearchTokenizer.Tokenize(question).ToHashSet(StringComparer.Ordinal);
        (int Passage, string Sentence, double Score)? best = null;
        for (var p = 0; p < Math.Min(maxPassages, passages.Count); p++)
        {
            foreach (var raw in SentenceSplitter.Split(passages[p]))
            {
                var sentence = raw.Trim();
                if (sentence.Length == 0)
                {
                    continue;
                }

                var score = Overlap(queryTokens, sentence) * (1 - 0.1 * p);
                if (best is null || score > best.Value.Score)
                {
                    best = (p, sentence, score);
                }
            }
        }

        if (best is not { Score: > 0 } found)
        {
            return null;
        }

        var (start, length) = FindSpan(question, found.Sentence);
        return new ExtractiveAnswer(found.Passage, found.Sentence, start, length);
    }

    private static double Overlap(HashSet<string> queryTokens, string sentence)
    {
        var score = 0.0;
        foreach (var token in SearchTokenizer.Tokenize(sentence).Distinct(StringComparer.Ordinal))
        {
            if (queryTokens.Contains(token))
            {
                score += token.Length >= 2 ? 2 : 1;
            }
        }

        return score;
    }

    /// <summary>The span the question word stands for; the whole sentence when the alignment finds nothing. Every question
    /// word in the question is tried ("为什么" and "什么" overlap) and the alignment matching the most context wins.</summary>
    internal static (int Start, int Length) FindSpan(string question, string sentence)
    {
        var q = question.Trim().TrimEnd('？', '?', '。', '.', '!', '！', ' ');
        (int Start, int Length, int Context) best = (0, sentence.Length, 0);
        foreach (var word in QuestionWords)
        {
            var whAt = word[0] < 128 ? FindWord(q, word) : q.IndexOf(word, StringComparison.Ordinal);
            if (whAt >= 0 && Align(q[..whAt], q[(whAt + word.Length)..], sentence) is { } span && span.Context > best.Context)
            {
                best = word is "多少" or "几" ? WithCounter(q, whAt, word.Length, sentence, span) : span;
            }
        }

        return (best.Start, best.Length);
    }

    /// <summary>A quantity keeps its counter and ordinal prefix: "多少分钟" → "4分钟", "第几位" → "第二位".</summary>
    private static (int Start, int Length, int Context) WithCounter(string question, int whAt, int whLength, string sentence, (int Start, int Length, int Context) span)
    {
        var (start, end) = (span.Start, span.Start + span.Length);
        var rest = question[(whAt + whLength)..];
        var counter = MultiCharCounters.FirstOrDefault(c => rest.StartsWith(c, StringComparison.Ordinal))
            ?? (rest.Length > 0 && Counters.Contains(rest[0]) ? rest[..1] : null);
        if (counter is not null && string.CompareOrdinal(sentence, end, counter, 0, counter.Length) == 0)
        {
            end += counter.Length;
        }

        if (whAt > 0 && question[whAt - 1] == '第' && start > 0 && sentence[start - 1] == '第')
        {
            start--;
        }

        return (start, end - start, span.Context);
    }

    private static (int Start, int Length, int Context)? Align(string left, string right, string sentence)
    {
        var (leftEnd, leftLength) = LongestSuffixMatch(left, sentence);
        var (rightStart, rightLength) = LongestPrefixMatch(right, sentence, Math.Max(0, leftEnd));
        int start;
        int end;
        if (leftEnd >= 0 && rightStart > leftEnd)
        {
            (start, end) = (leftEnd, rightStart);
        }
        else if (leftEnd >= 0)
        {
            start = leftEnd;
            var stop = sentence.IndexOfAny(ClauseBreaks, start);
            end = stop < 0 ? sentence.Length : stop;
            rightLength = 0;
        }
        else if (rightStart > 0)
        {
            end = rightStart;
            var stop = sentence.LastIndexOfAny(ClauseBreaks, end - 1);
            start = stop + 1;
        }
        else
        {
            return null;
        }

        while (start < end && (char.IsWhiteSpace(sentence[start]) || char.IsPunctuation(sentence[start])))
        {
            start++;
        }

        while (end > start && (char.IsWhiteSpace(sentence[end - 1]) || char.IsPunctuation(sentence[end - 1])))
        {
            end--;
        }

        return end > start ? (start, end - start, Math.Max(0, leftLength) + Math.Max(0, rightLength)) : null;
    }

    private static int FindWord(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetter(text[at - 1]);
            var after = at + word.Length >= text.Length || !char.IsLetter(text[at + word.Length]);
            if (before && after)
            {
                return at;
            }

            at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase);
        }

        return -1;
    }

    /// <summary>End (exclusive) in <paramref name="sentence"/> of the longest suffix of <paramref name="left"/> found there (at least 2 characters), or -1.</summary>
    private static (int End, int Length) LongestSuffixMatch(string left, string sentence)
    {
        left = left.Trim();
        for (var length = left.Length; length >= 2; length--)
        {
            var at = sentence.IndexOf(left[^length..], StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return (at + length, length);
            }
        }

        return (-1, 0);
    }

    /// <summary>Start in <paramref name="sentence"/> (at or after <paramref name="from"/>) of the longest prefix of <paramref name="right"/> found there, or -1.</summary>
    private static (int Start, int Length) LongestPrefixMatch(string right, string sentence, int from)
    {
        right = right.Trim();
        for (var length = right.Length; length >= 2; length--)
        {
            var at = sentence.IndexOf(right[..length], from, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                return (at, length);
            }
        }

        return (-1, 0);
    }
}
