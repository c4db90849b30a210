using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech;

namespace WorkBrain.Tests.Core.Speech.Asr;

/// <summary>The "openai" speech-to-text engine (the SDK's AsISpeechToTextClient) chosen by the Asr short keys.</summary>
public sealed class OpenAiSpeechToTextTests
{
    private const string VerboseJson =
        """{"task":"transcribe","language":"zh","duration":2.1,"text":" 你好世界","segments":[{"id":0,"seek":0,"start":0.0,"end":2.1,"text":" 你好世界","tokens":[],"temperature":0.0,"avg_logprob":0.0,"compression_ratio":1.0,"no_speech_prob":0.0}]}""";

    private static ISpeechTranscriber Transcriber(Dictionary<string, string?> settings) =>
        SpeechHost.Build(settings).GetRequiredService<ISpeechTranscriber>();

    [Fact]
    public async Task TranscribeAsync_Server_SendsMultipartAndParsesVerboseJson()
    {
        using var server = new FakeSpeechServer((_, _) => (200, "application/json", Encoding.UTF8.GetBytes(VerboseJson)));
        var transcriber = Transcriber(new() { ["Asr:Endpoint"] = server.BaseUrl, ["Asr:Model"] = "large-v3", ["Asr:ApiKey"] = "k" });
        var audio = await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), "clip.mp3", 1, "-c:a", "libmp3lame");

        var transcript = await transcriber.TranscribeAsync(audio);

        Assert.Equal("你好世界", transcript.Text);
        Assert.Equal("zh", transcript.Language);
        Assert.Equal(2.1, Assert.Single(transcript.Segments).EndSeconds, 6);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/audio/transcriptions", request.Path);
        Assert.Equal("Bearer k", request.Authorization);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        var form = Encoding.Latin1.GetString(request.Body);
        Assert.Contains("large-v3", form, StringComparison.Ordinal);
        Assert.Contains("verbose_json", form, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranscribeAsync_ServerError_ThrowsExpertExceptionWithItsMessage()
    {
        using var server = new FakeSpeechServer((_, _) => (400, "text/plain", "model not loaded"u8.ToArray()));
        var transcriber = Transcriber(new() { ["Asr:Endpoint"] = server.BaseUrl });
        var audio = await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), "clip.wav", 0.5, "-c:a", "pcm_s16le");

        var e = await Assert.ThrowsAsync<ExpertException>(() => transcriber.TranscribeAsync(audio));

        Assert.Contains("400", e.Message, StringComparison.Ordinal);
        Assert.Contains("model not loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetStatus_RemoteBackendWithoutEndpoint_IsNotConfigured()
    {
        var transcriber = Transcriber(new() { ["Asr:Backend"] = "remote" });

        Assert.Equal(ExpertState.NotConfigured, transcriber.GetStatus().State);
        Assert.Contains("Asr:Endpoint", transcriber.GetStatus().Detail, StringComparison.Ordinal);
    }
}
