using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

namespace WorkBrain.Tests.Core.Speech.Audio;

public sealed class AudioConverterTests
{
    private readonly AudioConverter _converter = new();

    [Theory]
    [InlineData("tone.webm", "libopus")]
    [InlineData("tone.ogg", "libopus")]
    [InlineData("tone.mp3", "libmp3lame")]
    [InlineData("tone.m4a", "aac")]
    [InlineData("tone.wav", "pcm_s16le")]
    public async Task LoadAsync_EncodedTone_Returns16kMonoOfTheRightLength(string fileName, string codec)
    {
        var path = await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), fileName, 2.0, "-c:a", codec);

        var clip = await _converter.LoadAsync(path);

        Assert.Equal(16000, clip.SampleRate);
        Assert.InRange(clip.DurationSeconds, 1.9, 2.15);
        Assert.InRange(clip.Peak(), 0.05f, 1.01f);
    }

    [Fact]
    public async Task LoadAsync_CorruptFile_ThrowsExpertException()
    {
        var path = Path.Combine(SpeechMedia.NewFolder(), "broken.webm");
        await File.WriteAllBytesAsync(path, [0x1A, 0x45, 0xDF, 0xA3, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

        var e = await Assert.ThrowsAsync<ExpertException>(() => _converter.LoadAsync(path));

        Assert.Contains("damaged or not audio", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_LongerThanMax_ThrowsExpertException()
    {
        var path = await SpeechMedia.SineAsync(SpeechMedia.NewFolder(), "long.mp3", 5.0, "-c:a", "libmp3lame");

        var e = await Assert.ThrowsAsync<ExpertException>(() => _converter.LoadAsync(path, maxSeconds: 2));

        Assert.Contains("limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WavFile_WriteThenRead_RoundTrips()
    {
        var samples = Enumerable.Range(0, 1600).Select(i => MathF.Sin(i * 0.05f) * 0.5f).ToArray();

        var back = WavFile.Read(WavFile.Write(new AudioClip(samples, 16000)));

        Assert.Equal(16000, back.SampleRate);
        Assert.Equal(samples.Length, back.Samples.Length);
        Assert.All(samples.Zip(back.Samples), p => Assert.InRange(p.First - p.Second, -1e-4f, 1e-4f));
    }
}
