using WorkBrain.Core.Speech.Whisper;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Whisper;

public sealed class WhisperTokenizerTests
{
    [Fact]
    public async Task Load_TinyWhisperTokenizer_FindsSpecialTokensAndLanguages()
    {
        var tokenizer = WhisperTokenizer.Load(await TestModels.GenerateAsync("tiny_whisper", "random"));

        Assert.Equal(tokenizer.StartOfTranscript - 1, tokenizer.EndOfText);
        Assert.Equal(tokenizer.NoTimestamps + 1, tokenizer.TimestampBegin);
        Assert.Contains("en", tokenizer.Languages.Values);
        Assert.Contains("zh", tokenizer.Languages.Values);
        Assert.Equal(8, tokenizer.Languages.Count);
        Assert.Equal(1.5, tokenizer.TimestampSeconds(tokenizer.TimestampBegin + 75), 6);
    }

    [Fact]
    public async Task Decode_ByteLevelTokens_RestoresUtf8TextAndSkipsSpecials()
    {
        var dir = await TestModels.GenerateAsync("tiny_whisper", "random");
        var tokenizer = WhisperTokenizer.Load(dir);
        var vocab = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "tokenizer.json")))
            .RootElement.GetProperty("model").GetProperty("vocab");
        int Id(string token) => vocab.GetProperty(token).GetInt32();
        var nihao = string.Concat("你好"u8.ToArray().Select(b => vocab.EnumerateObject().First(p => p.Value.GetInt32() == ByteIndex(b)).Name));

        var text = tokenizer.Decode([tokenizer.StartOfTranscript, Id("Ġhello"), Id("Ġworld"), tokenizer.TimestampBegin + 10, Id(nihao), Id("!"), tokenizer.EndOfText]);

        Assert.Equal(" hello world你好!", text);
    }

    /// <summary>In the generated vocabulary the 256 byte tokens come first, ordered by byte value.</summary>
    private static int ByteIndex(byte b) => b;
}
