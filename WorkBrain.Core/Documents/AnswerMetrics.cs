using System.Text;
using WorkBrain.Core.Documents.Chunking;

namespace WorkBrain.Core.Documents;

/// <summary>SQuAD/CMRC-style answer scores: text is lowercased and stripped of punctuation and spaces, Chinese is compared
/// character by character and other text word by word; F1 is the bag-of-tokens overlap, the best over the gold answers.</summary>
public static class AnswerMetrics
{
    public static bool ExactMatch(string prediction, IEnumerable<string> golds) =>
        golds.Any(g => string.Equals(string.Concat(Tokens(g)), string.Concat(Tokens(prediction)), StringComparison.Ordinal));

    public static double F1(string prediction, IEnumerable<string> golds) =>
        golds.Select(g => F1(Tokens(prediction), Tokens(g))).DefaultIfEmpty(0).Max();

    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        foreach (var raw in text)
        {
            var c = char.ToLowerInvariant(raw);
            if (SentenceSplitter.IsCjk(c))
            {
                Flush();
                tokens.Add(c.ToString());
            }
            else if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return tokens;

        void Flush()
        {
            if (word.Length > 0)
            {
                tokens.Add(word.ToString());
                word.Clear();
            }
        }
    }

    private static double F1(List<string> prediction, List<string> gold)
    {
        if (prediction.Count == 0 || gold.Count == 0)
        {
            return prediction.Count == gold.Count ? 1 : 0;
        }

        var counts = gold.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var common = 0;
        foreach (var token in prediction)
        {
            if (counts.TryGetValue(token, out var n) && n > 0)
            {
                counts[token] = n - 1;
                common++;
            }
        }

        if (common == 0)
        {
            return 0;
        }

        var precision = (double)common / prediction.Count;
        var recall = (double)common / gold.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
