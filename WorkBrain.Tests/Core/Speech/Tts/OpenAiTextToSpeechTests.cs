using System.Text;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Tests.Core.Speech.Tts;

/// <summary>The "openai" text-to-speech engine (the SDK's AsITextToSpeechClient) chosen by the Tts short keys.</summary>
public sealed class OpenAiTextToSpeechTests
{
    [Fact]
    public async Task SynthesizeAsync_Server_PostsJsonAndReadsTheWav()
    {
        var wav = WavFile.Write(new AudioClip(Enumerable.Range(0, 24000).Select(i => MathF.Sin(i * 0.1f) * 0.5f).ToArray(), 24000));
        using var server = new FakeSpeechServer((_, _) => (200, "audio/wav", wav));
        var synthesizer = TtsTestHost.Synthesizer(new() { ["Tts:Endpoint"] = server.BaseUrl, ["Tts:Model"] = "kokoro", ["Tts:Voice"] = "zf_xiaobei" });

        var clip = await synthesizer.SynthesizeAsync("你好");

        Assert.Equal(24000, clip.SampleRate);
        Assert.Equal(1.0, clip.DurationSeconds, 3);
        Assert.Equal("remote server", synthesizer.GetStatus().Backend);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/audio/speech", request.Path);
        var json = Encoding.UTF8.GetString(request.Body);
        Assert.Contains("\"model\":\"kokoro\"", json, StringComparison.Ordinal);
        Assert.Contains("\"voice\":\"zf_xiaobei\"", json, StringComparison.Ordinal);
        Assert.Contains("\"response_format\":\"wav\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SynthesizeAsync_ServerAnswersMp3_IsDecodedByFfmpeg()
    {
        var mp3 = await File.ReadAllBytesAsync(await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), "a.mp3", 1.0, "-c:a", "libmp3lame"));
        using var server = new FakeSpeechServer((_, _) => (200, "audio/mpeg", mp3));
        var synthesizer = TtsTestHost.Synthesizer(new() { ["Tts:Endpoint"] = server.BaseUrl });

        var clip = await synthesizer.SynthesizeAsync("hello");

        Assert.InRange(clip.DurationSeconds, 0.9, 1.2);
        Assert.True(clip.Peak() > 0.1f);
    }

    [Fact]
    public async Task SynthesizeAsync_ServerError_ThrowsExpertExceptionWithItsMessage()
    {
        using var server = new FakeSpeechServer((_, _) => (400, "text/plain", "voice not found"u8.ToArray()));
        var synthesizer = TtsTestHost.Synthesizer(new() { ["Engines:TextToSpeech:kokoro:Type"] = "openai", ["Engines:TextToSpeech:kokoro:Endpoint"] = server.BaseUrl });

        var e = await Assert.ThrowsAsync<ExpertException>(() => synthesizer.SynthesizeAsync("hello"));

        Assert.Contains("400", e.Message, StringComparison.Ordinal);
        Assert.Contains("voice not found", e.Message, StringComparison.Ordinal);
    }
}
