using System.Buffers.Binary;
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

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
