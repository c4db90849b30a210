using System.Text;
using WorkBrain.Core.Documents.Parsing;

namespace WorkBrain.Core.Documents.Chunking;

/// <summary>Packs whole sentences into chunks of about <paramref name="targetCharacters"/>; each chunk after the first of a
/// section starts with the last whole sentences of the previous one, up to <paramref name="overlapCharacters"/>.
/// Only a single sentence longer than the target is cut, at a comma or space where there is one.</summary>
public sealed class SentenceChunker(int targetCharacters, int overlapCharacters)
{
    public IReadOnlyList<TextChunk> Chunk(IEnumerable<TextSection> sections)
    {
        ArgumentNullException.ThrowIfNull(sections);
        var chunks = new List<TextChunk>();
        foreach (var section in sections)
        {
            foreach (var text in ChunkText(section.Text))
            {
                chunks.Add(new TextChunk(chunks.Count, section.Anchor, text));
            }
        }

        return chunks;
    }

    public List<string> ChunkText(string text)
    {
        var sentences = SentenceSplitter.Split(text).SelectMany(CutLong).ToList();
        var chunks = new List<string>();
        var current = new List<string>();
        var length = 0;
        var fresh = 0;
        foreach (var sentence in sentences)
        {
            if (fresh > 0 && length + sentence.Length > targetCharacters)
            {
                chunks.Add(Join(current));
                var overlap = new List<string>();
                var overlapLength = 0;
                for (var i = current.Count - 1; i >= 0 && overlapLength + current[i].Length <= overlapCharacters; i--)
                {
                    overlap.Insert(0, current[i]);
                    overlapLength += current[i].Length;
                }

                if (overlapLength + sentence.Length > targetCharacters)
                {
                    overlap.Clear();
                    overlapLength = 0;
                }

                current = overlap;
                length = overlapLength;
                fresh = 0;
            }

            current.Add(sentence);
            length += sentence.Length;
            fresh++;
        }

        if (fresh > 0)
        {
            chunks.Add(Join(current));
        }

        return chunks.Where(c => c.Length > 0).ToList();
    }

    private static string Join(List<string> sentences)
    {
        var builder = new StringBuilder();
        foreach (var s in sentences)
        {
            builder.Append(s);
        }

        return builder.ToString().Trim();
    }

    private IEnumerable<string> CutLong(string sentence)
    {
        var rest = sentence;
        while (rest.Length > targetCharacters)
        {
            var cut = rest.LastIndexOfAny(['，', ',', '、', ' ', '：', ':'], targetCharacters - 1, targetCharacters / 2);
            var at = cut > 0 ? cut + 1 : targetCharacters;
            yield return rest[..at];
            rest = rest[at..];
        }

        if (rest.Length > 0)
        {
            yield return rest;
        }
    }
}
