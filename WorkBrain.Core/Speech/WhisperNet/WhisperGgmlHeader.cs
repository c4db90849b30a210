using System.Buffers.Binary;

namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>
/// Checks a whisper.cpp model's header before native code reads it: whisper.cpp aborts the whole process (a failed
/// GGML_ASSERT) on a file with the right magic and a damaged header, instead of returning an error.
/// </summary>
internal static class WhisperGgmlHeader
{
    private const uint Magic = 0x67676d6c; // "ggml"
    private const int QuantVersionFactor = 1000;

    // ggml ftypes whisper.cpp maps to a tensor type: f32, f16, q4_0, q4_1, q8_0, q5_0, q5_1, q2_k…q6_k, iq2…
    private static readonly HashSet<int> KnownFileTypes = [0, 1, 2, 3, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24];

    public static void Check(string path)
    {
        var header = new byte[4 * 12];
        long length;
        using (var stream = File.OpenRead(path))
        {
            length = stream.Length;
            if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            {
                throw new InvalidDataException($"{path} is too short to be a whisper.cpp model.");
            }
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            throw new InvalidDataException($"{path} is not a whisper.cpp ggml model (no ggml magic); a Whisper ONNX export goes in Asr:LocalModel instead.");
        }

        int Field(int i) => BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4 + (4 * i)));
        var (vocab, audioCtx, audioState, audioHeads, audioLayers) = (Field(0), Field(1), Field(2), Field(3), Field(4));
        var (textCtx, textState, textHeads, textLayers, mels, fileType) = (Field(5), Field(6), Field(7), Field(8), Field(9), Field(10));
        var sane = vocab is > 0 and < 1_000_000 && audioCtx is > 0 and <= 1 << 16 && textCtx is > 0 and <= 1 << 16
                   && audioState is > 0 and <= 1 << 14 && textState is > 0 and <= 1 << 14
                   && audioHeads is > 0 and <= 256 && textHeads is > 0 and <= 256
                   && audioLayers is > 0 and <= 256 && textLayers is > 0 and <= 256
                   && mels is 80 or 128 && fileType >= 0 && KnownFileTypes.Contains(fileType % QuantVersionFactor);
        if (!sane)
        {
            throw new InvalidDataException($"{path} has a damaged whisper.cpp header (vocabulary {vocab}, mel bins {mels}, file type {fileType}): download it again.");
        }

        // The token embedding alone holds vocabulary × width weights of at least half a byte each; whisper.cpp reads a
        // shorter (truncated) file as zeros without complaint.
        var minimum = (long)vocab * textState / 2;
        if (length < minimum)
        {
            throw new InvalidDataException($"{path} is {length:N0} bytes, but a whisper.cpp model of this shape holds at least {minimum:N0}: the file is truncated, download it again.");
        }
    }
}
