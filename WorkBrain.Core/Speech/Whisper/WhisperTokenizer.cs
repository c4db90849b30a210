using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.Speech.Whisper;

/// <summary>Whisper's byte-level BPE vocabulary (GPT-2 byte↔unicode mapping) with its special tokens, read from
/// tokenizer.json, or vocab.json plus added_tokens.json. Decoding only: prompts are made of special tokens.</summary>
public sealed partial class WhisperTokenizer
{
    private readonly Dictionary<int, string> _tokens;
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<char, byte> _unicodeToByte;
    private readonly Dictionary<int, string> _languages;

    private WhisperTokenizer(Dictionary<string, int> ids)
    {
        _ids = ids;
        _tokens = ids.GroupBy(p => p.Value).ToDictionary(g => g.Key, g => g.First().Key);
        _unicodeToByte = ByteToUnicode().ToDictionary(p => p.Value, p => p.Key);
        EndOfText = Required("<|endoftext|>");
        StartOfTranscript = Required("<|startoftranscript|>");
        Transcribe = Required("<|transcribe|>");
        Translate = Required("<|translate|>");
        NoTimestamps = Required("<|notimestamps|>");
        TimestampBegin = ids.TryGetValue("<|0.00|>", out var ts) ? ts : NoTimestamps + 1;
        _languages = ids.Where(p => LanguageToken().IsMatch(p.Key) && p.Value > StartOfTranscript && p.Value < Translate)
            .ToDictionary(p => p.Value, p => p.Key[2..^2]);
        if (_languages.Count == 0)
        {
            throw new InvalidDataException("The Whisper vocabulary has no language tokens (<|en|>, <|zh|>, …).");
        }
    }

    public int EndOfText { get; }

    public int StartOfTranscript { get; }

    public int Transcribe { get; }

    public int Translate { get; }

    public int NoTimestamps { get; }

    /// <summary>Id of &lt;|0.00|&gt;; each following id is 20 ms later.</summary>
    public int TimestampBegin { get; }

    public int VocabularySize => _tokens.Keys.Max() + 1;

    /// <summary>Language token ids and their codes ("en", "zh", …).</summary>
    public IReadOnlyDictionary<int, string> Languages => _languages;

    public bool IsTimestamp(int id) => id >= TimestampBegin;

    public double TimestampSeconds(int id) => (id - TimestampBegin) * 0.02;

    /// <summary>The language token for a code, or null when the vocabulary has none.</summary>
    public int? LanguageTokenOf(string code) => _ids.TryGetValue($"<|{code.ToLowerInvariant()}|>", out var id) && _languages.ContainsKey(id) ? id : null;

    /// <summary>Text of the ordinary tokens; special and timestamp tokens are skipped.</summary>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var bytes = new List<byte>();
        foreach (var id in ids)
        {
            if (id >= EndOfText || !_tokens.TryGetValue(id, out var token))
            {
                continue;
            }

            foreach (var c in token)
            {
                if (_unicodeToByte.TryGetValue(c, out var b))
                {
                    bytes.Add(b);
                }
                else
                {
                    bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
                }
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static WhisperTokenizer Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var tokenizerJson = Path.Combine(directory, "tokenizer.json");
        var vocabJson = Path.Combine(directory, "vocab.json");
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(tokenizerJson))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
            foreach (var p in doc.RootElement.GetProperty("model").GetProperty("vocab").EnumerateObject())
            {
                ids[p.Name] = p.Value.GetInt32();
            }

            if (doc.RootElement.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
            {
                foreach (var t in added.EnumerateArray())
                {
                    ids[t.GetProperty("content").GetString()!] = t.GetProperty("id").GetInt32();
                }
            }
        }
        else if (File.Exists(vocabJson))
        {
            foreach (var file in new[] { vocabJson, Path.Combine(directory, "added_tokens.json") }.Where(File.Exists))
            {
                foreach (var (token, id) in JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllBytes(file)) ?? [])
                {
                    ids[token] = id;
                }
            }
        }
        else
        {
            throw new FileNotFoundException($"No tokenizer.json or vocab.json in {directory}.", tokenizerJson);
        }

        return new WhisperTokenizer(ids);
    }

    private int Required(string token) =>
        _ids.TryGetValue(token, out var id) ? id : throw new InvalidDataException($"The Whisper vocabulary lacks {token}.");

    /// <summary>GPT-2's reversible mapping of the 256 byte values onto printable characters.</summary>
    private static Dictionary<byte, char> ByteToUnicode()
    {
        var map = new Dictionary<byte, char>();
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[(byte)b] = printable ? (char)b : (char)(256 + extra++);
        }

        return map;
    }

    [GeneratedRegex("^<\\|[a-z]{2,3}\\|>$")]
    private static partial Regex LanguageToken();
}
