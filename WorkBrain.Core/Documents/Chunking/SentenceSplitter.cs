namespace WorkBrain.Core.Documents.Chunking;

/// <summary>Splits text into sentences without losing a character: Chinese ends at 。！？；… and line breaks; English at
/// . ! ? followed by whitespace, except after abbreviations and initials (a decimal like 3.14 has no space after its dot).
/// Closing quotes and brackets stay with their sentence.</summary>
public static class SentenceSplitter
{
    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd", "co", "corp",
        "no", "fig", "figs", "vol", "pp", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "a.m", "p.m", "cf", "al", "ed", "rev", "gen", "gov", "mt",
    };

    public static List<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int end;
            if (c is '。' or '！' or '？' or '；' or '!' or '?' or '…' or '\n')
            {
                end = i + 1;
                if (c is '!' or '?' && end < text.Length && !char.IsWhiteSpace(text[end]) && !IsCloser(text[end]) && !IsCjk(text[end]))
                {
                    continue;
                }
            }
            else if (c == '.' && IsEnglishStop(text, i))
            {
                end = i + 1;
            }
            else
            {
                continue;
            }

            while (end < text.Length && (IsCloser(text[end]) || text[end] is '。' or '！' or '？' or '!' or '?' or '…'))
            {
                end++;
            }

            while (end < text.Length && text[end] is ' ' or '\t' or '\u3000')
            {
                end++;
            }

            Add(end);
            i = end - 1;
        }

        Add(text.Length);
        return sentences;

        void Add(int end)
        {
            if (end <= start)
            {
                return;
            }

            var sentence = text[start..end];
            if (sentence.Trim().Length > 0)
            {
                sentences.Add(sentence);
            }
            else if (sentences.Count > 0)
            {
                sentences[^1] += sentence;
            }

            start = end;
        }
    }

    private static bool IsEnglishStop(string text, int dot)
    {
        var next = dot + 1;
        while (next < text.Length && IsCloser(text[next]))
        {
            next++;
        }

        if (next < text.Length && !char.IsWhiteSpace(text[next]))
        {
            return false;
        }

        var wordStart = dot;
        while (wordStart > 0 && (char.IsLetter(text[wordStart - 1]) || text[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = text[wordStart..dot];
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return false;
        }

        return !Abbreviations.Contains(word);
    }

    private static bool IsCloser(char c) => c is '"' or '\'' or ')' or ']' or '}' or '”' or '’' or '」' or '』' or '）' or '】' or '》';

    internal static bool IsCjk(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
        or >= '\u3040' and <= '\u30FF' or >= '\uAC00' and <= '\uD7AF';
}
