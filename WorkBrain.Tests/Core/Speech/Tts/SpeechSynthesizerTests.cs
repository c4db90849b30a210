using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Tests.Core.Speech.Tts;

public sealed class SpeechSynthesizerTests
{
    [Theory]
    [InlineData("今天天气很好，我们去公园散步吧。")]
    [InlineData("The quick brown fox jumps over the lazy dog.")]
    [InlineData("WorkBrain 可以说中文 and English.")]
    public async Task SynthesizeAsync_Espeak_ProducesAudibleSpeech(string text)
    {
        var clip = await TtsTestHost.Espeak().SynthesizeAsync(text);

        Assert.Equal(22050, clip.SampleRate);
        Assert.InRange(clip.DurationSeconds, 0.8, 15);
        Assert.True(clip.Peak() > 0.1f, $"peak {clip.Peak()}");
    }

    [Fact]
    public async Task SynthesizeAsync_AutoWithEnglishPiperVoice_UsesPiperForEnglishAndEspeakForChinese()
    {
        var synthesizer = TtsTestHost.Synthesizer(new() { ["Tts:PiperVoices:0"] = await TtsTestHost.TinyVoiceAsync("en-us") });

        var english = await synthesizer.SynthesizeAsync("Hello world.");
        var chinese = await synthesizer.SynthesizeAsync("你好世界。");

        Assert.Equal(16000, english.SampleRate);
        Assert.Equal(22050, chinese.SampleRate);
        Assert.Equal("Piper ONNX", synthesizer.GetStatus().Backend);
    }

    [Fact]
    public async Task SynthesizeSentencesAsync_StreamedText_SpeaksEachSentenceBeforeTheTextEnds()
    {
        var synthesizer = TtsTestHost.Espeak();
        var produced = 0;
        async IAsyncEnumerable<string> Deltas()
        {
            foreach (var d in new[] { "第一句话。", "Second ", "sentence! ", "third" })
            {
                produced++;
                await Task.Yield();
                yield return d;
            }
        }

        var seen = new List<(int Index, string Sentence, int ProducedSoFar)>();
        await foreach (var s in synthesizer.SynthesizeSentencesAsync(Deltas()))
        {
            Assert.True(s.Audio.Peak() > 0.05f);
            seen.Add((s.Index, s.Sentence, produced));
        }

        Assert.Equal([(0, "第一句话。", 1), (1, "Second sentence!", 3), (2, "third", 4)], seen);
    }
}
