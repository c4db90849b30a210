using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Asr;

namespace WorkBrain.Tests.Core.Speech.Asr;

public sealed class WhisperTranscriberTests
{
    [Fact]
    public async Task TranscribeAsync_TinyRandomWhisperOnSpeech_RunsEndToEnd()
    {
        using var transcriber = await AsrTestHost.TinyAsync("random");
        var audio = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Testing the speech pipeline.", "en-us", 1.0);

        var transcript = await transcriber.TranscribeAsync(audio);

        Assert.Contains(transcript.Language, new[] { "en", "zh", "de", "es", "ru", "ko", "fr", "ja" });
        Assert.All(transcript.Segments, s => Assert.InRange(s.StartSeconds, 0.0, s.EndSeconds));
        Assert.Equal(ExpertState.Ready, transcriber.GetStatus().State);
    }

    [Fact]
    public async Task TranscribeAsync_TextModel_ReturnsItsTokensWithTimesInsideTheSpeech()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text", maxNewTokens: 4);
        var audio = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Hello there, how are you today?", "en-us", 2.0);

        var transcript = await transcriber.TranscribeAsync(audio);

        Assert.Equal("de", transcript.Language);
        Assert.Equal("hello hello hello", transcript.Text);
        var segment = Assert.Single(transcript.Segments);
        Assert.InRange(segment.StartSeconds, 1.5, 3.0);
    }

    [Fact]
    public async Task TranscribeAsync_ForcedLanguage_IsUsed()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text", maxNewTokens: 2, timestamps: false);
        var audio = await SpeechMedia.PaddedSpeechAsync(SpeechMedia.NewFolder(), "Hello.", "en-us", 0.5);

        var transcript = await transcriber.TranscribeAsync(audio, "zh");

        Assert.Equal("zh", transcript.Language);
        Assert.Equal("hellohello", transcript.Text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TranscribeAsync_Silence_ReturnsEmptyTranscript()
    {
        using var transcriber = await AsrTestHost.TinyAsync("text");
        var audio = Path.Combine(SpeechMedia.NewFolder(), "silence.wav");
        await SpeechMedia.RunAsync("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", audio);

        var transcript = await transcriber.TranscribeAsync(audio);

        Assert.Equal("", transcript.Text);
        Assert.Empty(transcript.Segments);
    }

    [Fact]
    public void GetStatus_MissingModel_SaysNotDownloaded()
    {
        var options = new AsrOptions { LocalModel = Path.Combine(Path.GetTempPath(), "no-such-whisper") };
        using var transcriber = new WhisperTranscriber(Microsoft.Extensions.Options.Options.Create(options),
            Microsoft.Extensions.Options.Options.Create(new WorkBrain.Core.Models.ModelsOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WhisperTranscriber>.Instance);

        var status = transcriber.GetStatus();

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Contains("encoder_model.onnx", status.Detail, StringComparison.Ordinal);
    }
}
