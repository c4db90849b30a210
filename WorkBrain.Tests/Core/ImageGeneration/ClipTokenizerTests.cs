using WorkBrain.Core.ImageGeneration;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.ImageGeneration;

public sealed class ClipTokenizerTests
{
    private static async Task<ClipTokenizer> LoadAsync() =>
        ClipTokenizer.Load(Path.Combine(await TestModels.GenerateAsync("tiny_sd"), "tokenizer"));

    [Fact]
    public async Task Encode_KnownWords_MergesToWholeWordTokens()
    {
        var tokenizer = await LoadAsync();
        var vocab = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, int>>(
            File.ReadAllText(Path.Combine(await TestModels.GenerateAsync("tiny_sd"), "tokenizer", "vocab.json")))!;

        var ids = tokenizer.Encode("A  Photo of a CAT!");

        Assert.Equal(ClipTokenizer.MaxLength, ids.Length);
        int[] expected = [tokenizer.StartId, vocab["a</w>"], vocab["photo</w>"], vocab["of</w>"], vocab["a</w>"], vocab["cat</w>"], vocab["!</w>"], tokenizer.EndId];
        Assert.Equal(expected, ids[..8]);
        Assert.All(ids[8..], id => Assert.Equal(tokenizer.PadId, id));
        Assert.Equal(tokenizer.EndId, tokenizer.PadId);
    }

    [Fact]
    public async Task Encode_UnknownWordAndNonAscii_FallsBackToBytes()
    {
        var tokenizer = await LoadAsync();

        var zebra = tokenizer.Encode("zebra");
        var chinese = tokenizer.Encode("猫");

        Assert.Equal(6, zebra.AsSpan().IndexOf(tokenizer.EndId)); // start + z e b r a</w>
        Assert.Equal(4, chinese.AsSpan().IndexOf(tokenizer.EndId)); // start + 3 UTF-8 bytes
        Assert.Equal(tokenizer.Encode("zebra"), zebra);
    }

    [Fact]
    public async Task Encode_LongPrompt_TruncatesTo77WithEndToken()
    {
        var tokenizer = await LoadAsync();

        var ids = tokenizer.Encode(string.Join(' ', Enumerable.Repeat("cat", 200)));

        Assert.Equal(ClipTokenizer.MaxLength, ids.Length);
        Assert.Equal(tokenizer.StartId, ids[0]);
        Assert.Equal(tokenizer.EndId, ids[^1]);
        Assert.Single(ids[1..^1].Distinct());
    }
}
