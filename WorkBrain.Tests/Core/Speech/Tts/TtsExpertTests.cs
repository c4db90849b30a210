using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Speech.Tts;
using WorkBrain.Core.Storage;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Speech.Tts;

public sealed class TtsExpertTests
{
    private readonly DiskFileStore _files = new(Options.Create(new StorageOptions { DataDirectory = SpeechMedia.NewFolder() }));

    private TtsExpert Expert() => new(TtsTestHost.Espeak(), _files, Options.Create(new TtsOptions()));

    [Fact]
    public async Task RunAsync_TextFromTheTextExpert_IsReadAndSavedAsWav()
    {
        var request = new ExpertRequest(Turn.FromText("read it", userId: "alice"), "Hi",
            new Dictionary<string, string> { [ExpertIds.TextGeneration] = "**Spring** is here. 春天来了，花都开了。The days are longer and warmer now." });

        var events = await Expert().RunAsync(request).ToListAsync();

        var audio = Assert.IsType<AudioReady>(Assert.Single(events));
        Assert.InRange(audio.DurationSeconds, 3, 30);
        var id = audio.Url["/files/".Length..];
        var file = _files.Find(id, "alice");
        Assert.NotNull(file);
        Assert.Equal("audio/wav", file.ContentType);
        Assert.True(WorkBrain.Core.Speech.Audio.WavFile.Read(await File.ReadAllBytesAsync(file.Path)).Peak() > 0.1f);
    }

    [Fact]
    public async Task RunAsync_NoTextInput_ReadsTheInstruction()
    {
        var events = await Expert().RunAsync(ExpertRequest.For(Turn.FromText("say hello"), "Hello.")).ToListAsync();

        var audio = Assert.IsType<AudioReady>(Assert.Single(events));
        Assert.InRange(audio.DurationSeconds, 0.2, 2.5);
    }

    [Fact]
    public async Task RunAsync_NothingSpeakable_ThrowsExpertException()
    {
        await Assert.ThrowsAsync<ExpertException>(async () =>
            await Expert().RunAsync(ExpertRequest.For(Turn.FromText("  "), "**  **")).ToListAsync());
    }

    [Fact]
    public async Task ReadAsync_StreamedText_OneAudioPerSentenceInOrder()
    {
        static async IAsyncEnumerable<string> Stream()
        {
            foreach (var piece in new[] { "The first ", "sentence is short. ", "春天来了。", "And the last one", " has no full stop" })
            {
                await Task.Yield();
                yield return piece;
            }
        }

        var events = await Expert().ReadAsync(ExpertRequest.For(Turn.FromText("read", userId: "bob"), "read"), Stream()).ToListAsync();

        var audio = events.Cast<AudioReady>().ToList();
        Assert.Equal(3, audio.Count);
        Assert.All(audio, a => Assert.InRange(a.DurationSeconds, 0.3, 6));
        Assert.Equal(3, audio.Select(a => a.Url).Distinct().Count());
        Assert.True(audio[2].DurationSeconds > audio[1].DurationSeconds);
    }

    [Fact]
    public async Task ReadAsync_NoSpeakableText_ThrowsExpertException()
    {
        await Assert.ThrowsAsync<ExpertException>(async () =>
            await Expert().ReadAsync(ExpertRequest.For(Turn.FromText("x"), "x"), new[] { "** ", "--" }.ToAsyncEnumerable()).ToListAsync());
    }
}
