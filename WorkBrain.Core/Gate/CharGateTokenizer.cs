using System.Text;

namespace WorkBrain.Core.Gate;

/// <summary>
/// The trained gate's tokenizer, identical to <c>tokenize()</c> in models/gate/train.py: NFKC; runs of ASCII letters and
/// digits form lower-case words (each digit becomes '0', an all-digit word "&lt;num&gt;"); every other code point above
/// U+0020 (except U+007F) is a token of its own. Ids come from gate.vocab.txt (line number); 0 pads, 1 is unknown, and an
/// unknown word falls back to its longest known prefix of at least 4 characters.
/// </summary>
internal sealed class CharGateTokenizer : IGateTokenizer
{
    public const long Pad = 0;
    public const long Unknown = 1;

    private readonly Dictionary<string, long> _vocab;
    private readonly Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public CharGateTokenizer(IEnumerable<string> vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        _vocab = new Dictionary<string, long>(StringComparer.Ordinal);
        var id = 0L;
        foreach (var token in vocabulary)
        {
            _vocab.TryAdd(token, id++);
        }

        _lookup = _vocab.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public static CharGateTokenizer Load(string vocabPath) =>
        new(File.ReadLines(vocabPath, Encoding.UTF8));

    public long PadId => Pad;

    public int VocabularySize => _vocab.Count;

    public int Encode(string text, Span<long> ids)
    {
        var walker = new CharTokenWalker(Normalize(text), stackalloc char[CharTokenWalker.MaxWord], stackalloc char[2]);
        var count = 0;
        while (count < ids.Length && walker.Next(out var token))
        {
            ids[count++] = Lookup(token);
        }

        return count;
    }

    /// <summary>A token's id; an unknown word longer than 4 characters takes the id of its longest known prefix of at
    /// least 4 ("voicemail" → "voice", "slides" → "slide"), else it is unknown — as <c>lookup()</c> in train.py.</summary>
    private long Lookup(ReadOnlySpan<char> token)
    {
        if (_lookup.TryGetValue(token, out var id))
        {
            return id;
        }

        for (var k = token.Length - 1; k >= 4; k--)
        {
            if (_lookup.TryGetValue(token[..k], out id))
            {
                return id;
            }
        }

        return Unknown;
    }

    /// <summary>The tokens as strings, for tests and debugging.</summary>
    public static IReadOnlyList<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var walker = new CharTokenWalker(Normalize(text), stackalloc char[CharTokenWalker.MaxWord], stackalloc char[2]);
        while (walker.Next(out var token))
        {
            tokens.Add(token.ToString());
        }

        return tokens;
    }

    private static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            // Invalid UTF-16 (a lone surrogate): tokenize as it is.
            return text;
        }
    }
}
