using WorkBrain.Core.Speech.Audio;
using WorkBrain.Core.Speech.Vad;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Speech.Vad;

public sealed class SileroVadTests
{
    [Fact]
    public async Task Detect_SpeechPaddedWithSilence_FindsOneSegmentWhereTheSpeechIs()
    {
        using var vad = new SileroVad(TestModels.RequireRealModel("vad/silero_vad.onnx"));
        var path = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Hello, this is a test of the voice activity detector.", "en-us", 2.0);
        var clip = await new AudioConverter().LoadAsync(path);

        var segments = vad.Detect(clip, new VadOptions { MinSilenceMilliseconds = 500 });

        var segment = Assert.Single(segments);
        Assert.InRange(segment.StartSeconds(16000), 1.6, 2.4);
        Assert.InRange(segment.EndSeconds(16000), clip.DurationSeconds - 2.4, clip.DurationSeconds - 1.6);
    }

    [Fact]
    public void Probabilities_Silence_StayLow()
    {
        using var vad = new SileroVad(TestModels.RequireRealModel("vad/silero_vad.onnx"));

        var probabilities = vad.Probabilities(new AudioClip(new float[16000 * 2], 16000));

        Assert.Equal(63, probabilities.Length);
        Assert.All(probabilities, p => Assert.InRange(p, 0f, 0.2f));
    }

    [Fact]
    public void Segments_ShortBurst_IsDropped()
    {
        var probabilities = new float[100];
        probabilities[10] = 0.9f;

        var segments = SpeechSegmenter.Segments(probabilities, 100 * 512, 512, 16000, new VadOptions());

        Assert.Empty(segments);
    }

    [Fact]
    public void Chunks_LongSpeech_SplitsAtTheQuietestWindowWithinTheLimit()
    {
        var window = 512;
        var probabilities = Enumerable.Repeat(0.9f, 2000).ToArray();
        probabilities[800] = 0.3f;
        var segments = new[] { new SpeechSegment(0, 2000 * window) };

        var chunks = SpeechSegmenter.Chunks(segments, probabilities, window, 30 * 16000);

        Assert.All(chunks, c => Assert.True(c.Length <= 30 * 16000));
        Assert.Equal(new SpeechSegment(0, 800 * window), chunks[0]);
        Assert.Equal(2000 * window, chunks[^1].End);
    }

    [Fact]
    public void Chunks_ShortSegments_AreJoinedUpToTheLimit()
    {
        var segments = new[] { new SpeechSegment(0, 16000), new SpeechSegment(32000, 48000), new SpeechSegment(470000, 500000) };

        var chunks = SpeechSegmenter.Chunks(segments, new float[1000], 512, 480000);

        Assert.Equal([new SpeechSegment(0, 48000), new SpeechSegment(470000, 500000)], chunks);
    }
}
