using System.Text.Json;
using WorkBrain.Core.Gate;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

public sealed class CharGateTokenizerTests
{
    private static readonly string GateDirectory = Path.Combine(TestModels.RepositoryRoot, "models", "gate");

    public static TheoryData<int> GoldenCases()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GateDirectory, "tokenizer_golden.json")));
        var data = new TheoryData<int>();
        for (var i = 0; i < doc.RootElement.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void Encode_GoldenText_MatchesPythonTokenizer(int index)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(GateDirectory, "tokenizer_golden.json")));
        var golden = doc.RootElement[index];
        var text = golden.GetProperty("text").GetString()!;
        var tokenizer = CharGateTokenizer.Load(Path.Combine(GateDirectory, "gate.vocab.txt"));
        var expectedIds = golden.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
        var expectedTokens = golden.GetProperty("tokens").EnumerateArray().Select(e => e.GetString()!).ToArray();

        var ids = new long[expectedIds.Length];
        var count = tokenizer.Encode(text, ids);

        Assert.Equal(expectedTokens, CharGateTokenizer.Tokenize(text));
        Assert.Equal(Math.Min(expectedTokens.Length, ids.Length), count);
        Assert.Equal(expectedIds, ids);
    }

    [Fact]
    public void Tokenize_MixedText_SplitsCharactersAndLowerCaseWords()
    {
        // NFKC folds the full-width "！" and "Ａ" to ASCII, as Python does.
        Assert.Equal(["画", "a", "cat", "<num>", "q0", "!"], CharGateTokenizer.Tokenize("画 Ａ Cat 2026 Q3！"));
    }

    [Fact]
    public void Encode_UnknownWord_FallsBackToLongestKnownPrefix()
    {
        var tokenizer = new CharGateTokenizer(["<pad>", "<unk>", "voice", "voic", "slide", "abc"]);
        var ids = new long[4];

        var count = tokenizer.Encode("voicemail slides abcdef voi", ids);

        Assert.Equal(4, count);
        Assert.Equal([2L, 4L, CharGateTokenizer.Unknown, CharGateTokenizer.Unknown], ids);
    }

    [Fact]
    public void Encode_UnknownToken_MapsToUnknownAndStopsAtCapacity()
    {
        var tokenizer = new CharGateTokenizer(["<pad>", "<unk>", "猫"]);
        var ids = new long[2];

        var count = tokenizer.Encode("猫狗猫", ids);

        Assert.Equal(2, count);
        Assert.Equal([2L, CharGateTokenizer.Unknown], ids);
    }
}
