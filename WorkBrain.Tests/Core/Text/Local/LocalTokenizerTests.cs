using WorkBrain.Core.Text.Local;

namespace WorkBrain.Tests.Core.Text.Local;

public sealed class LocalTokenizerTests
{
    [Theory]
    [InlineData("hello world, the quick brown fox")]
    [InlineData("你好，世界！我们测试中文。")]
    [InlineData("mixed 中文 and English\n\n  spaces\ttabs 123 emoji 🙂")]
    public async Task Encode_ThenDecode_RoundTrips(string text)
    {
        var tokenizer = LocalTokenizer.Load(Path.Combine(await TinyLlm.RandomAsync(), "tokenizer.json"));

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids));
    }

    [Fact]
    public async Task Encode_MergesAndSpecialTokens_UsesMergedAndSpecialIds()
    {
        var tokenizer = LocalTokenizer.Load(Path.Combine(await TinyLlm.RandomAsync(), "tokenizer.json"));

        var hello = tokenizer.Encode(" hello");
        var chat = tokenizer.Encode("<|im_start|>user\n你好<|im_end|>");

        Assert.True(hello.Count < " hello".Length, "merges should join the bytes of ' hello'");
        Assert.Equal(tokenizer.Specials["<|im_start|>"], chat[0]);
        Assert.Equal(tokenizer.Specials["<|im_end|>"], chat[^1]);
        Assert.True(chat.Count < 2 + "user\n".Length + 6, "the Chinese bytes should be merged too");
    }

    [Theory]
    [InlineData("hello world, the quick brown fox")]
    [InlineData("你好，世界！中文 and bytes ß 🙂")]
    public async Task SentencePiece_EncodeThenDecode_RoundTripsWithByteFallback(string text)
    {
        var tokenizer = LocalTokenizer.LoadFromFolder(await TinyLlm.SentencePieceAsync());

        var ids = tokenizer.Encode(text);

        Assert.Equal(text, tokenizer.Decode(ids).TrimStart(' '));
    }

    [Fact]
    public async Task SentencePiece_SpecialTokensFromTokenizerConfig_EncodeToTheirIds()
    {
        var tokenizer = LocalTokenizer.LoadFromFolder(await TinyLlm.SentencePieceAsync());

        var ids = tokenizer.Encode("<|im_start|>user\n你好<|im_end|>");

        Assert.Equal(tokenizer.Specials["<|im_start|>"], ids[0]);
        Assert.Equal(tokenizer.Specials["<|im_end|>"], ids[^1]);
        Assert.Contains(tokenizer.IdOf("你好")!.Value, ids);
    }
}
