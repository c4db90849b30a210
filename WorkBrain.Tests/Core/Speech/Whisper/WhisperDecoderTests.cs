using WorkBrain.Core.Speech.Whisper;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Whisper;

public sealed class WhisperDecoderTests
{
    private static async Task<(WhisperOnnxModel Model, Microsoft.ML.OnnxRuntime.Tensors.DenseTensor<float> Hidden)> LoadAsync(string mode)
    {
        var model = WhisperOnnxModel.Load(await TestModels.GenerateAsync("tiny_whisper", mode), threads: 1);
        var features = new LogMel(model.MelBins).Compute(Enumerable.Range(0, 16000).Select(i => MathF.Sin(i * 0.1f) * 0.3f).ToArray());
        return (model, model.Encode(features));
    }

    [Fact]
    public async Task Decode_ModelThatEndsAtOnce_StopsAtEndOfText()
    {
        var (model, hidden) = await LoadAsync("eos");
        using var _ = model;

        var plain = WhisperDecoder.Decode(model, hidden, "en", timestamps: false, maxNewTokens: 50);
        var timed = WhisperDecoder.Decode(model, hidden, "en", timestamps: true, maxNewTokens: 50);

        Assert.True(plain.ReachedEndOfText);
        Assert.Empty(plain.Tokens);
        Assert.True(timed.ReachedEndOfText);
        var first = Assert.Single(timed.Tokens);
        Assert.InRange(first, model.Tokenizer.TimestampBegin, model.Tokenizer.TimestampBegin + 50);
    }

    [Fact]
    public async Task Decode_ModelThatNeverEnds_StopsAtMaxNewTokensAndDetectsLanguage()
    {
        var (model, hidden) = await LoadAsync("text");
        using var _ = model;

        var window = WhisperDecoder.Decode(model, hidden, language: null, timestamps: false, maxNewTokens: 7);

        Assert.False(window.ReachedEndOfText);
        Assert.Equal("de", window.Language);
        Assert.Equal(7, window.Tokens.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat(" hello", 7)), model.Tokenizer.Decode(window.Tokens));
    }

    [Fact]
    public async Task Decode_LimitAboveModelPositions_StopsAtTheDecoderContext()
    {
        var (model, hidden) = await LoadAsync("text");
        using var _ = model;

        var window = WhisperDecoder.Decode(model, hidden, "en", timestamps: false, maxNewTokens: 10_000);

        Assert.Equal(model.MaxTargetPositions - 4, window.Tokens.Count);
    }

    [Fact]
    public async Task Decode_WithTimestamps_StartsWithATimestampThenText()
    {
        var (model, hidden) = await LoadAsync("text");
        using var _ = model;

        var window = WhisperDecoder.Decode(model, hidden, "en", timestamps: true, maxNewTokens: 5);
        var segments = WhisperDecoder.Segments(model.Tokenizer, window.Tokens, offsetSeconds: 10, windowSeconds: 4);

        Assert.True(model.Tokenizer.IsTimestamp(window.Tokens[0]));
        var segment = Assert.Single(segments);
        Assert.Equal("hello hello hello hello", segment.Text);
        Assert.InRange(segment.StartSeconds, 10, 11);
        Assert.Equal(14, segment.EndSeconds, 6);
    }

    [Fact]
    public async Task Segments_TimestampPairs_BecomeTimedSegments()
    {
        var tokenizer = WhisperTokenizer.Load(await TestModels.GenerateAsync("tiny_whisper", "random"));
        var ts = tokenizer.TimestampBegin;
        int hello = 256 + 4;

        var segments = WhisperDecoder.Segments(tokenizer, [ts, hello, ts + 50, ts + 50, hello, hello, ts + 120], 30, 30);

        Assert.Equal(
        [
            new global::WorkBrain.Core.Speech.TranscriptSegment(30, 31, "hello"),
            new global::WorkBrain.Core.Speech.TranscriptSegment(31, 32.4, "hello hello"),
        ], segments.Select(s => s with { StartSeconds = Math.Round(s.StartSeconds, 6), EndSeconds = Math.Round(s.EndSeconds, 6) }));
    }
}

public sealed class WhisperDecoderCacheTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Decode_CachedExport_GivesTheSameTokensAsFullRecomputation(bool timestamps)
    {
        var dir = await TestModels.GenerateAsync("tiny_whisper", "random", "80", "past");
        using var cached = WhisperOnnxModel.Load(dir, threads: 1);
        using var full = WhisperOnnxModel.Load(dir, threads: 1, useCache: false);
        var features = new LogMel(80).Compute(Enumerable.Range(0, 32000).Select(i => MathF.Sin(i * 0.037f) * 0.4f).ToArray());
        var hidden = cached.Encode(features);

        var a = WhisperDecoder.Decode(cached, hidden, null, timestamps, maxNewTokens: 40);
        var b = WhisperDecoder.Decode(full, hidden, null, timestamps, maxNewTokens: 40);

        Assert.True(cached.HasCache);
        Assert.False(full.HasCache);
        Assert.Equal(b.Language, a.Language);
        Assert.Equal(b.Tokens, a.Tokens);
        Assert.Equal(b.ReachedEndOfText, a.ReachedEndOfText);
    }

    [Fact]
    public async Task Next_CachedStep_MatchesTheLogitsOfTheFullSequence()
    {
        var dir = await TestModels.GenerateAsync("tiny_whisper", "random", "80", "past");
        using var model = WhisperOnnxModel.Load(dir, threads: 1);
        var hidden = model.Encode(new LogMel(80).Compute(Enumerable.Range(0, 16000).Select(i => MathF.Cos(i * 0.02f) * 0.4f).ToArray()));
        var tk = model.Tokenizer;
        int[] prompt = [tk.StartOfTranscript, tk.LanguageTokenOf("en")!.Value, tk.Transcribe];
        int[] more = [260, 261, 100, 37];

        using var cache = model.StartCached(prompt, hidden, out var firstLogits)!;
        Assert.Equal(model.NextTokenLogits(prompt, hidden), firstLogits);
        var sequence = prompt.ToList();
        foreach (var token in more)
        {
            sequence.Add(token);
            var cached = cache.Next(token);
            var full = model.NextTokenLogits(sequence, hidden);
            Assert.True(cached.Zip(full, (x, y) => Math.Abs(x - y)).Max() < 1e-4f);
        }
    }
}
