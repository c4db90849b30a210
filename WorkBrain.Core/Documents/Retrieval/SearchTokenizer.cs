using System.Text;
using WorkBrain.Core.Documents.Chunking;

namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>Tokens for BM25 that work for Chinese and English alike: a run of CJK characters gives every character and
/// every pair of neighbours; Latin letters and digits give lowercased words with a light plural/-ing/-ed stemming.</summary>
public static class SearchTokenizer
{
    public static List<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<string>();
        var word = new StringBuilder();
        var previousCjk = '\0';
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (SentenceSplitter.IsCjk(c))
            {
                FlushWord();
                tokens.Add(c.ToString());
                if (previousCjk != '\0')
                {
                    tokens.Add(string.Create(2, (previousCjk, c), static (span, pair) =>
                    {
                        span[0] = pair.previousCjk;
                        span[1] = pair.c;
                    }));
                }

                previousCjk = c;
            }
            else if (char.IsLetterOrDigit(c))
            {
                previousCjk = '\0';
                word.Append(c);
            }
            else
            {
                previousCjk = '\0';
                FlushWord();
            }
        }

        FlushWord();
        return tokens;

        void FlushWord()
        {
            if (word.Length > 0)
            {
                tokens.Add(Stem(word.ToString()));
                word.Clear();
            }
        }
    }

    internal static string Stem(string word)
    {
        if (word.Length <= 3 || !char.IsAsciiLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith("ing", StringComparison.Ordinal) && word.Length > 5)
        {
            return word[..^3];
        }

        if (word.EndsWith("ed", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^2];
        }

        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 && word[^3] is 's' or 'x' or 'z' or 'h')
        {
            return word[..^2];
        }

        return word[^1] == 's' && word[^2] != 's' ? word[..^1] : word;
    }
}
