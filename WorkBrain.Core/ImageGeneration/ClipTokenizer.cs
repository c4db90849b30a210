using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>
/// CLIP's byte-level BPE tokenizer (vocab.json + merges.txt): lower-cased text, words split by CLIP's pattern,
/// bytes mapped to printable characters, the last symbol of a word marked with &lt;/w&gt;, merges applied by rank,
/// then &lt;|startoftext|&gt; … &lt;|endoftext|&gt; padded (or cut) to 77 tokens.
/// </summary>
public sealed partial class ClipTokenizer
{
    public const int MaxLength = 77;
    private const string EndOfWord = "</w>";

    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<(string, string), int> _ranks;
    private readonly string[] _byteChars = BytesToUnicode();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);

    public ClipTokenizer(Dictionary<string, int> vocab, IEnumerable<string> merges, string? padToken = null)
    {
        ArgumentNullException.ThrowIfNull(vocab);
        ArgumentNullException.ThrowIfNull(merges);
        _vocab = vocab;
        _ranks = [];
        var rank = 0;
        foreach (var line in merges)
        {
            if (line.StartsWith("#version", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 2)
            {
                _ranks.TryAdd((parts[0], parts[1]), rank++);
            }
        }

        StartId = Require("<|startoftext|>");
        EndId = Require("<|endoftext|>");
        PadId = padToken is not null && vocab.TryGetValue(padToken, out var pad) ? pad : EndId;
    }

    public int StartId { get; }

    public int EndId { get; }

    public int PadId { get; }

    /// <summary>Loads tokenizer/vocab.json and merges.txt; the pad token comes from special_tokens_map.json or tokenizer_config.json when present.</summary>
    public static ClipTokenizer Load(string folder)
    {
        var vocabPath = Path.Combine(folder, "vocab.json");
        var mergesPath = Path.Combine(folder, "merges.txt");
        if (!File.Exists(vocabPath) || !File.Exists(mergesPath))
        {
            throw new FileNotFoundException($"The CLIP tokenizer needs vocab.json and merges.txt in {folder}.");
        }

        var vocab = JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(vocabPath))
                    ?? throw new InvalidDataException($"{vocabPath} is empty.");
        return new ClipTokenizer(vocab, File.ReadLines(mergesPath), ReadPadToken(folder));
    }

    /// <summary>The 77 ids the text encoder takes.</summary>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(MaxLength) { StartId };
        var clean = Whitespace().Replace(text, " ").Trim().ToLowerInvariant();
        foreach (Match word in WordPattern().Matches(clean))
        {
            ids.AddRange(EncodeWord(word.Value));
            if (ids.Count >= MaxLength - 1)
            {
                break;
            }
        }

        if (ids.Count > MaxLength - 1)
        {
            ids.RemoveRange(MaxLength - 1, ids.Count - (MaxLength - 1));
        }

        ids.Add(EndId);
        while (ids.Count < MaxLength)
        {
            ids.Add(PadId);
        }

        return [.. ids];
    }

    private int[] EncodeWord(string word)
    {
        if (word is "<|startoftext|>" or "<|endoftext|>")
        {
            return [_vocab[word]];
        }

        if (_cache.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var symbols = Encoding.UTF8.GetBytes(word).Select(b => _byteChars[b]).ToList();
        symbols[^1] += EndOfWord;
        while (symbols.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i < symbols.Count - 1; i++)
            {
                if (_ranks.TryGetValue((symbols[i], symbols[i + 1]), out var r) && r < bestRank)
                {
                    bestRank = r;
                    best = i;
                }
            }

            if (best < 0)
            {
                break;
            }

            var (first, second) = (symbols[best], symbols[best + 1]);
            var merged = new List<string>(symbols.Count);
            for (var i = 0; i < symbols.Count; i++)
            {
                if (i < symbols.Count - 1 && symbols[i] == first && symbols[i + 1] == second)
                {
                    merged.Add(first + second);
                    i++;
                }
                else
                {
                    merged.Add(symbols[i]);
                }
            }

            symbols = merged;
        }

        var ids = new List<int>(symbols.Count);
        foreach (var s in symbols)
        {
            if (_vocab.TryGetValue(s, out var id))
            {
                ids.Add(id);
            }
            else
            {
                // A symbol the vocabulary lacks: fall back to its characters (always present in a CLIP vocabulary).
                var end = s.EndsWith(EndOfWord, StringComparison.Ordinal);
                var chars = end ? s[..^EndOfWord.Length] : s;
                for (var i = 0; i < chars.Length; i++)
                {
                    var piece = chars[i].ToString() + (end && i == chars.Length - 1 ? EndOfWord : "");
                    if (_vocab.TryGetValue(piece, out var pid))
                    {
                        ids.Add(pid);
                    }
                }
            }
        }

        var result = ids.ToArray();
        if (_cache.Count < 10_000)
        {
            _cache[word] = result;
        }

        return result;
    }

    private int Require(string token) => _vocab.TryGetValue(token, out var id)
        ? id
        : throw new InvalidDataException($"The CLIP vocabulary lacks {token}.");

    private static string? ReadPadToken(string folder)
    {
        foreach (var file in new[] { "special_tokens_map.json", "tokenizer_config.json" })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            if (doc.RootElement.TryGetProperty("pad_token", out var pad))
            {
                return pad.ValueKind == JsonValueKind.String ? pad.GetString()
                    : pad.ValueKind == JsonValueKind.Object && pad.TryGetProperty("content", out var c) ? c.GetString() : null;
            }
        }

        return null;
    }

    /// <summary>GPT-2's reversible map from bytes to printable characters.</summary>
    private static string[] BytesToUnicode()
    {
        var map = new string[256];
        var n = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? ((char)b).ToString() : ((char)(256 + n++)).ToString();
        }

        return map;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+", RegexOptions.IgnoreCase)]
    private static partial Regex WordPattern();
}
