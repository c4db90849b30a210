using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Tests.Core.Speech.Tts;

public sealed class PiperVoiceTests
{
    [Fact]
    public async Task PhonemeIds_Ipa_AreFramedAndInterspersedWithPad()
    {
        using var voice = PiperVoice.Load(await TtsTestHost.TinyVoiceAsync());

        var ids = voice.PhonemeIds("hə");

        Assert.Equal(7, ids.Length);
        Assert.Equal([1, 0], ids[..2]);
        Assert.Equal(0, ids[3]);
        Assert.Equal([0, 2], ids[^2..]);
    }

    [Theory]
    [InlineData("en-us", "Hello world, this is a Piper voice.")]
    [InlineData("cmn-latn-pinyin", "你好，世界。")]
    public async Task Synthesize_TinyVoice_ReturnsAudioAtTheVoiceRate(string espeakVoice, string text)
    {
        using var voice = PiperVoice.Load(await TtsTestHost.TinyVoiceAsync(espeakVoice));

        var ipa = await voice.PhonemizeAsync(text, "espeak-ng", CancellationToken.None);
        var ids = voice.PhonemeIds(ipa);
        var clip = voice.Synthesize(ids);

        Assert.Equal(16000, clip.SampleRate);
        Assert.Equal(ids.Length * 256, clip.Samples.Length);
        Assert.True(clip.Peak() > 0.01f);
        Assert.Equal(espeakVoice == "cmn-latn-pinyin", voice.IsChinese);
    }
}
