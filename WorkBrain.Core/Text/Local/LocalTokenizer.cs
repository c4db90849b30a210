using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// A model's tokenizer: a byte-level BPE from a Hugging Face tokenizer.json (Qwen2, Llama 3) or a SentencePiece BPE
/// tokenizer.model with byte fallback (InternLM2); Microsoft.ML.Tokenizers does the BPE; special tokens are split out first;
/// every id maps to its raw bytes so that streaming can decode at the byte level.
/// </summary>
internal sealed class LocalTokenizer
{
    private const string Gpt2Split = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";
    private readonly Func<string, IReadOnlyList<int>> _encode;
    private readonly IReadOnlyDictionary<string, int> _vocabulary;
    private readonly Regex? _specialSplit;
    private readonly bool _nfc;
    private readonly byte[][] _bytes;

    private LocalTokenizer(Func<string, IReadOnlyList<int>> encode, IReadOnlyDictionary<string, int> vocabulary, IReadOnlyDictionary<string, int> specials, bool nfc, byte[][] bytes)
    {
        _encode = encode;
        _vocabulary = vocabulary;
        Specials = specials;
        _nfc = nfc;
        _bytes = bytes;
        _specialSplit = specials.Count == 0
            ? null
            : new Regex("(" + string.Join("|", specials.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)) + ")", RegexOptions.CultureInvariant);
    }

    public IReadOnlyDictionary<string, int> Specials { get; }

    public int VocabularySize => _bytes.Length;

    public static LocalTokenizer Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: the local engine needs the model's tokenizer.json.", path);
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = doc.RootElement;
        var model = root.GetProperty("model");
        if (!model.TryGetProperty("type", out var type) || type.GetString() != "BPE")
        {
            throw new NotSupportedException($"{path}: only BPE tokenizers are supported.");
        }

        var pre = root.TryGetProperty("pre_tokenizer", out var p) ? p : default;
        if (!IsByteLevel(pre) && !(root.TryGetProperty("decoder", out var dec) && IsByteLevel(dec)))
        {
            throw new NotSupportedException($"{path} is a SentencePiece-style BPE (no ByteLevel pre-tokenizer); put the model's SentencePiece tokenizer.model beside it (InternLM2, Llama 2), or use a byte-level BPE tokenizer.json (Qwen2/2.5, Llama 3).");
        }

        var vocab = model.GetProperty("vocab").EnumerateObject().Select(o => new KeyValuePair<string, int>(o.Name, o.Value.GetInt32())).ToList();
        var merges = model.GetProperty("merges").EnumerateArray()
            .Select(m => m.ValueKind == JsonValueKind.Array ? m[0].GetString() + " " + m[1].GetString() : m.GetString()!)
            .ToList();
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        if (root.TryGetProperty("added_tokens", out var added))
        {
            foreach (var t in added.EnumerateArray())
            {
                specials[t.GetProperty("content").GetString()!] = t.GetProperty("id").GetInt32();
            }
        }

        var split = FindSplitRegex(pre) ?? Gpt2Split;
        var options = new BpeOptions(vocab)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(new Regex(split, RegexOptions.Compiled | RegexOptions.CultureInvariant), null),
        };
        var nfc = root.TryGetProperty("normalizer", out var n) && n.ValueKind == JsonValueKind.Object && n.TryGetProperty("type", out var nt) && nt.GetString() == "NFC";
        var bpe = BpeTokenizer.Create(options);
        return new LocalTokenizer(t => bpe.EncodeToIds(t), bpe.Vocabulary, specials, nfc, BuildByteTable(vocab, specials));
    }

    /// <summary>The tokenizer of a model folder: a byte-level BPE tokenizer.json, else a SentencePiece tokenizer.model (InternLM2, Llama 2).</summary>
    public static LocalTokenizer LoadFromFolder(string folder)
    {
        var json = Path.Combine(folder, "tokenizer.json");
        var sentencePiece = Path.Combine(folder, "tokenizer.model");
        if (File.Exists(json))
        {
            try
            {
                return Load(json);
            }
            catch (NotSupportedException) when (File.Exists(sentencePiece))
            {
                // a SentencePiece-style tokenizer.json: use the tokenizer.model beside it
            }
        }

        return File.Exists(sentencePiece)
            ? LoadSentencePiece(sentencePiece, Path.Combine(folder, "tokenizer_config.json"))
            : throw new FileNotFoundException($"{folder} has neither tokenizer.json nor tokenizer.model.", json);
    }

    /// <summary>A SentencePiece BPE model with byte fallback; added tokens (e.g. &lt;|im_start|&gt;) come from tokenizer_config.json.</summary>
    public static LocalTokenizer LoadSentencePiece(string modelPath, string? tokenizerConfigPath)
    {
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        if (tokenizerConfigPath is not null && File.Exists(tokenizerConfigPath))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerConfigPath));
            if (doc.RootElement.TryGetProperty("added_tokens_decoder", out var added) && added.ValueKind == JsonValueKind.Object)
            {
                foreach (var t in added.EnumerateObject())
                {
                    specials[t.Value.GetProperty("content").GetString()!] = int.Parse(t.Name, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }

        using var stream = File.OpenRead(modelPath);
        var sp = SentencePieceTokenizer.Create(stream, false, false, specials.Count == 0 ? null : specials);
        foreach (var control in new[] { sp.BeginningOfSentenceToken, sp.EndOfSentenceToken, sp.UnknownToken })
        {
            if (!string.IsNullOrEmpty(control) && sp.Vocabulary.TryGetValue(control, out var id))
            {
                specials.TryAdd(control, id);
            }
        }

        var size = Math.Max(sp.Vocabulary.Values.DefaultIfEmpty(0).Max(), specials.Values.DefaultIfEmpty(0).Max()) + 1;
        var table = new byte[size][];
        Array.Fill(table, []);
        foreach (var (piece, id) in sp.Vocabulary)
        {
            table[id] = PieceBytes(piece);
        }

        foreach (var (token, id) in specials)
        {
            table[id] = Encoding.UTF8.GetBytes(token);
        }

        return new LocalTokenizer(t => sp.EncodeToIds(t, addBeginningOfSentence: false, addEndOfSentence: false), sp.Vocabulary, specials, nfc: false, table);
    }

    private static byte[] PieceBytes(string piece)
    {
        if (piece.Length == 6 && piece.StartsWith("<0x", StringComparison.Ordinal) && piece[5] == '>'
            && byte.TryParse(piece.AsSpan(3, 2), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var b))
        {
            return [b];
        }

        return Encoding.UTF8.GetBytes(piece.Replace('\u2581', ' '));
    }

    /// <summary>Encodes text; the special tokens it contains (e.g. &lt;|im_start|&gt; in a rendered template) become their ids.</summary>
    public List<int> Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        var parts = _specialSplit is null ? [text] : _specialSplit.Split(text);
        foreach (var part in parts)
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (Specials.TryGetValue(part, out var special))
            {
                ids.Add(special);
                continue;
            }

            ids.AddRange(_encode(_nfc ? part.Normalize(NormalizationForm.FormC) : part));
        }

        return ids;
    }

    /// <summary>The raw bytes of one token (UTF-8 of a special token); empty for an unknown id.</summary>
    public ReadOnlySpan<byte> BytesOf(int id) => (uint)id < (uint)_bytes.Length ? _bytes[id] : [];

    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var buffer = new List<byte>();
        foreach (var id in ids)
        {
            buffer.AddRange(BytesOf(id));
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public int? IdOf(string token) =>
        Specials.TryGetValue(token, out var id) ? id : _vocabulary.TryGetValue(token, out var v) ? v : null;

    private static bool IsByteLevel(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (e.TryGetProperty("type", out var t) && t.GetString() == "ByteLevel")
        {
            return true;
        }

        return (e.TryGetProperty("pretokenizers", out var list) || e.TryGetProperty("decoders", out list))
               && list.ValueKind == JsonValueKind.Array && list.EnumerateArray().Any(IsByteLevel);
    }

    private static string? FindSplitRegex(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (e.TryGetProperty("type", out var t) && t.GetString() == "Split" && e.TryGetProperty("pattern", out var pattern) && pattern.TryGetProperty("Regex", out var regex))
        {
            return regex.GetString();
        }

        return e.TryGetProperty("pretokenizers", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(FindSplitRegex).FirstOrDefault(r => r is not null)
            : null;
    }

    private static byte[][] BuildByteTable(List<KeyValuePair<string, int>> vocab, Dictionary<string, int> specials)
    {
        var unicodeToByte = ByteLevelAlphabet.UnicodeToByte();
        var size = Math.Max(vocab.Count == 0 ? 0 : vocab.Max(v => v.Value), specials.Count == 0 ? 0 : specials.Values.Max()) + 1;
        var table = new byte[size][];
        Array.Fill(table, []);
        foreach (var (token, id) in vocab)
        {
            var bytes = new byte[token.Length];
            var ok = true;
            for (var i = 0; i < token.Length; i++)
            {
                if (!unicodeToByte.TryGetValue(token[i], out bytes[i]))
                {
                    ok = false;
                    break;
                }
            }

            table[id] = ok ? bytes : Encoding.UTF8.GetBytes(token);
        }

        foreach (var (token, id) in specials)
        {
            table[id] = Encoding.UTF8.GetBytes(token);
        }

        return table;
    }
}
