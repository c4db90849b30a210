using System.Text;

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Cuts streamed text into sentences as soon as each is complete: Chinese 。！？； end one at once, English . ! ?
/// when whitespace follows (so "3.14" and "e.g." inside words wait), a blank line always; closing quotes and brackets stay
/// with their sentence.</summary>
public sealed class SentenceSplitter
{
    private const string ChineseEnds = "。！？；…";
    private const string LatinEnds = ".!?;";
    private const string Closers = "\"'”’）)]」』";
    private readonly StringBuilder _buffer = new();

    /// <summary>Adds a piece of text; returns the sentences it completed, in order.</summary>
    public IReadOnlyList<string> Append(string delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        _buffer.Append(delta);
        var sentences = new List<string>();
        var text = _buffer.ToString();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int end;
            if (ChineseEnds.Contains(c, StringComparison.Ordinal))
            {
                end = SkipClosers(text, i + 1);
                if (end == text.Length && i + 1 < text.Length)
                {
                    continue;
                }
            }
            else if (LatinEnds.Contains(c, StringComparison.Ordinal))
            {
                end = SkipClosers(text, i + 1);
                if (end >= text.Length || !char.IsWhiteSpace(text[end]))
                {
                    continue;
                }
            }
            else if (c == '\n' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                end = i;
            }
            else
            {
                continue;
            }

            var sentence = text[start..end].Trim();
            if (sentence.Length > 0)
            {
                sentences.Add(sentence);
            }

            start = end;
            i = Math.Max(i, end - 1);
        }

        _buffer.Remove(0, start);
        return sentences;
    }

    /// <summary>What is left when the text ends (an unfinished last sentence), or null.</summary>
    public string? Flush()
    {
        var rest = _buffer.ToString().Trim();
        _buffer.Clear();
        return rest.Length > 0 ? rest : null;
    }

    /// <summary>All sentences of a finished text.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var splitter = new SentenceSplitter();
        var sentences = splitter.Append(text).ToList();
        if (splitter.Flush() is { } last)
        {
            sentences.Add(last);
        }

        return sentences;
    }

    private static int SkipClosers(string text, int i)
    {
        while (i < text.Length && Closers.Contains(text[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i;
    }
}
