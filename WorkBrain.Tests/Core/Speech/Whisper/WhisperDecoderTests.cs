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
