using System.Text;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Greedy CTC decoding over the PaddleOCR alphabet: class 0 is the blank, 1..N the key file's lines, N+1 a space.</summary>
internal static class CtcDecoder
{
    public static string[] LoadAlphabet(string keysPath)
    {
        var keys = File.ReadAllLines(keysPath).Where(l => l.Length > 0).ToList();
        keys.Insert(0, string.Empty);
        keys.Add(" ");
        return [.. keys];
    }

    /// <summary>Decodes one sequence of <paramref name="steps"/> × <paramref name="classes"/> probabilities; returns the text and the mean confidence of its characters.</summary>
    public static (string Text, float Score) Decode(ReadOnlySpan<float> probabilities, int steps, int classes, IReadOnlyList<string> alphabet)
    {
        var text = new StringBuilder();
        var previous = -1;
        double scoreSum = 0;
        var count = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            var bestScore = row[0];
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > bestScore)
                {
                    best = c;
                    bestScore = row[c];
                }
            }

            if (best != 0 && best != previous && best < alphabet.Count)
            {
                text.Append(alphabet[best]);
                scoreSum += bestScore;
                count++;
            }

            previous = best;
        }

        return (text.ToString(), count == 0 ? 0f : (float)(scoreSum / count));
    }
}
