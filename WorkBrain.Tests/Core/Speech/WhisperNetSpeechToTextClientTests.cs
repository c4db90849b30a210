using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.WhisperNet;

namespace WorkBrain.Tests.Core.Speech;

public sealed class WhisperNetSpeechToTextClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("whispernet-").FullName;

    [Fact]
    public void Runtime_NativeWhisperCpp_LoadsOnThisMachine()
    {
        var info = WhisperNetSpeechToTextClient.RuntimeInfo;

        Assert.StartsWith("Cpu runtime:", info, StringComparison.Ordinal);
        Assert.Contains("WHISPER", info, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingModel_SaysWhereToPutIt()
    {
        var path = Path.Combine(_dir, "ggml-base.bin");

        var ex = Assert.Throws<FileNotFoundException>(() => WhisperNetSpeechToTextClient.Load(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("ggml-*.bin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_NotAGgmlFile_FailsClearly()
    {
        var path = Path.Combine(_dir, "ggml-base.bin");
        await File.WriteAllTextAsync(path, "<html>404 not found</html> and some more text to pass the length");

        var ex = Assert.Throws<InvalidDataException>(() => WhisperNetSpeechToTextClient.Load(path));

        Assert.Contains("not a whisper.cpp ggml model", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_DamagedHeader_FailsClearlyInsteadOfAbortingTheProcess()
    {
        // The ggml magic followed by garbage: whisper.cpp itself would abort the process on this file.
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x67676d6c);
        var path = Path.Combine(_dir, "ggml-tiny.bin");
        await File.WriteAllBytesAsync(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => WhisperNetSpeechToTextClient.Load(path));

        Assert.Contains("damaged whisper.cpp header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ValidHeaderButTruncated_SaysTheFileIsTruncated()
    {
        // A whisper-tiny header (vocabulary 51865, 80 mel bins, f16) and nothing after it.
        int[] hparams = [51865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1];
        var bytes = new byte[4 + (4 * hparams.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 0x67676d6c);
        for (var i = 0; i < hparams.Length; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + (4 * i)), hparams[i]);
        }

        var path = Path.Combine(_dir, "ggml-tiny.bin");
        await File.WriteAllBytesAsync(path, bytes);

        var ex = Assert.Throws<InvalidDataException>(() => WhisperNetSpeechToTextClient.Load(path));

        Assert.Contains("truncated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_BadMagicAfterHeaderCheck_FailsWithWhisperCppsReason()
    {
        var path = Path.Combine(_dir, "ggml-zero.bin");
        await File.WriteAllBytesAsync(path, new byte[100]);

        var ex = Assert.Throws<InvalidDataException>(() => WhisperNetSpeechToTextClient.Load(path));

        Assert.Contains("no ggml magic", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_DuringATranscription_FreesTheModelWhenItEndsAndRefusesTheNextClearly()
    {
        var model = new PausingModel();
        using var client = new WhisperNetSpeechToTextClient(model, "ggml-fake", "ffmpeg", 0);
        var wav = await SpeechMedia.SineAsync(_dir, "tone.wav", 0.5);

        await using (var audio = File.OpenRead(wav))
        {
            await using var segments = client.GetStreamingTextAsync(audio).GetAsyncEnumerator();
            Assert.True(await segments.MoveNextAsync());
            Assert.Equal("first", segments.Current.Text);

            client.Dispose();
            Assert.False(model.Disposed, "the model was freed while whisper.cpp was still using it");
            model.Resume.SetResult();

            Assert.True(await segments.MoveNextAsync());
            Assert.Equal("second", segments.Current.Text);
            Assert.False(await segments.MoveNextAsync());
        }

        Assert.True(model.Disposed);
        await using var again = File.OpenRead(wav);
        var refused = await Assert.ThrowsAsync<ExpertException>(() => client.GetTextAsync(again));
        Assert.Equal("The model ggml-fake was unloaded; ask again to load it.", refused.Message);
        Assert.Equal(1, model.Transcriptions);
    }

    [Fact]
    public async Task DisposeWhenIdle_WaitsForTheRunningTranscription()
    {
        var model = new PausingModel();
        using var client = new WhisperNetSpeechToTextClient(model, "ggml-fake", "ffmpeg", 0);
        await using var audio = File.OpenRead(await SpeechMedia.SineAsync(_dir, "tone.wav", 0.5));
        await using var segments = client.GetStreamingTextAsync(audio).GetAsyncEnumerator();
        Assert.True(await segments.MoveNextAsync());

        var unload = client.DisposeWhenIdleAsync();
        Assert.False(unload.IsCompleted);
        model.Resume.SetResult();
        while (await segments.MoveNextAsync())
        {
        }

        await unload;
        Assert.True(model.Disposed);
    }

    /// <summary>Stands in for whisper.cpp: one segment, then waits to be resumed before the second.</summary>
    private sealed class PausingModel : IWhisperModel
    {
        public TaskCompletionSource Resume { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Disposed { get; private set; }

        public int Transcriptions { get; private set; }

        public async IAsyncEnumerable<WhisperSegment> TranscribeAsync(float[] samples, string language, int threads, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(Disposed, this);
            Transcriptions++;
            Assert.NotEmpty(samples);
            yield return new WhisperSegment("first", TimeSpan.Zero, TimeSpan.FromSeconds(0.2), "en");
            await Resume.Task.WaitAsync(cancellationToken);
            ObjectDisposedException.ThrowIf(Disposed, this);
            yield return new WhisperSegment("second", TimeSpan.FromSeconds(0.2), TimeSpan.FromSeconds(0.5), "en");
        }

        public void Dispose() => Disposed = true;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
