using System.Buffers.Binary;

namespace WorkBrain.Core.Speech.Audio;

/// <summary>Reads RIFF/WAVE (PCM 8/16/24/32-bit and IEEE float, any channel count, mixed down to mono) and writes 16-bit PCM mono.
/// Tolerates the unknown sizes that programs writing to a pipe leave in the headers.</summary>
public static class WavFile
{
    public static AudioClip Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new InvalidDataException("Not a WAV file (no RIFF/WAVE header).");
        }

        int format = 0, channels = 0, rate = 0, bits = 0;
        var pos = 12;
        while (pos + 8 <= data.Length)
        {
            var id = data.Slice(pos, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(pos + 4, 4));
            var body = pos + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > data.Length)
                {
                    throw new InvalidDataException("The WAV format chunk is truncated.");
                }

                format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(data.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 14, 2));
                if (format == 0xFFFE && size >= 26)
                {
                    format = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(body + 24, 2));
                }
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (channels <= 0 || rate <= 0 || bits <= 0)
                {
                    throw new InvalidDataException("The WAV data chunk comes before a valid format chunk.");
                }

                var available = data.Length - body;
                var length = size == 0 || size > available ? available : (int)size;
                return new AudioClip(Decode(data.Slice(body, length), format, channels, bits), rate);
            }

            pos = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        throw new InvalidDataException("The WAV file has no data chunk.");
    }

    private static float[] Decode(ReadOnlySpan<byte> data, int format, int channels, int bits)
    {
        var bytes = bits / 8;
        if (bytes is < 1 or > 4 || (format == 3 && bits != 32) || (format != 1 && format != 3))
        {
            throw new InvalidDataException($"Unsupported WAV encoding (format {format}, {bits} bits).");
        }

        var frame = bytes * channels;
        var frames = data.Length / frame;
        var samples = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            for (var c = 0; c < channels; c++)
            {
                sum += Sample(data.Slice(i * frame + c * bytes, bytes), format, bits);
            }

            samples[i] = sum / channels;
        }

        return samples;
    }

    private static float Sample(ReadOnlySpan<byte> b, int format, int bits) => (format, bits) switch
    {
        (3, 32) => BinaryPrimitives.ReadSingleLittleEndian(b),
        (_, 8) => (b[0] - 128) / 128f,
        (_, 16) => BinaryPrimitives.ReadInt16LittleEndian(b) / 32768f,
        (_, 24) => ((b[0] << 8) | (b[1] << 16) | (b[2] << 24)) / 2147483648f,
        _ => BinaryPrimitives.ReadInt32LittleEndian(b) / 2147483648f,
    };

    /// <summary>16-bit PCM mono WAV bytes.</summary>
    public static byte[] Write(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var dataLength = clip.Samples.Length * 2;
        var bytes = new byte[44 + dataLength];
        var s = bytes.AsSpan();
        "RIFF"u8.CopyTo(s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + dataLength);
        "WAVEfmt "u8.CopyTo(s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], clip.SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], clip.SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], 16);
        "data"u8.CopyTo(s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], dataLength);
        for (var i = 0; i < clip.Samples.Length; i++)
        {
            var v = (short)Math.Clamp(MathF.Round(clip.Samples[i] * 32767f), short.MinValue, short.MaxValue);
            BinaryPrimitives.WriteInt16LittleEndian(s[(44 + i * 2)..], v);
        }

        return bytes;
    }
}
