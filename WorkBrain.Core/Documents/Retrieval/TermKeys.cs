using WorkBrain.Core.Documents.Chunking;

namespace WorkBrain.Core.Documents.Retrieval;

/// <summary>The same tokens as <see cref="SearchTokenizer"/>, as 64-bit keys without allocating a string per token:
/// a CJK character is its code, a pair of neighbours is both codes in 32 bits, a word is 2^32 plus its id in a vocabulary.</summary>
internal static class TermKeys
{
    private const long WordBase = 1L << 32;

    /// <summary>Appends the keys of <paramref name="text"/>; <paramref name="wordId"/> maps a stemmed word to an id, or -1 to skip it.</summary>
    public static void Append(string text, List<long> keys, Func<string, int> wordId)
    {
        var start = -1;
        var previousCjk = '\0';
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? char.ToLowerInvariant(text[i]) : ' ';
            if (SentenceSplitter.IsCjk(c))
            {
                FlushWord(i);
                keys.Add(c);
                if (previousCjk != '\0')
                {
                    keys.Add(((long)previousCjk << 16) | c);
                }

                previousCjk = c;
            }
            else if (char.IsLetterOrDigit(c))
            {
                previousCjk = '\0';
                if (start < 0)
                {
                    start = i;
                }
            }
            else
            {
                previousCjk = '\0';
                FlushWord(i);
            }
        }

        void FlushWord(int end)
        {
            if (start < 0)
            {
                return;
            }

            var id = wordId(SearchTokenizer.Stem(text[start..end].ToLowerInvariant()));
            if (id >= 0)
            {
                keys.Add(WordBase + id);
            }

            start = -1;
        }
    }
}
