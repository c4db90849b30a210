using System.Text;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>Reads <c>general.architecture</c> from a GGUF header in managed code, so a file of the wrong kind (a chat model
/// given as a vision projector) is refused before llama.cpp, which can abort the whole process on it, ever opens it.</summary>
internal static class GgufArchitecture
{
    private const int MaxKeys = 10_000;
    private const long MaxString = 1 << 24;

    public static string? Read(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (reader.ReadUInt32() != 0x46554747)
        {
            return null;
        }

        var version = reader.ReadUInt32();
        if (version < 2)
        {
            return null;
        }

        reader.ReadUInt64();
        var keys = reader.ReadUInt64();
        for (ulong i = 0; i < Math.Min(keys, MaxKeys); i++)
        {
            var key = ReadString(reader);
            var type = reader.ReadUInt32();
            if (key == "general.architecture" && type == 8)
            {
                return ReadString(reader);
            }

            Skip(reader, type);
        }

        return null;
    }

    private static string ReadString(BinaryReader reader)
    {
        var length = reader.ReadUInt64();
        if (length > MaxString)
        {
            throw new InvalidDataException("The GGUF header has a string longer than any real one.");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    private static void Skip(BinaryReader reader, uint type)
    {
        switch (type)
        {
            case 0 or 1 or 7: reader.ReadByte(); break;
            case 2 or 3: reader.ReadUInt16(); break;
            case 4 or 5 or 6: reader.ReadUInt32(); break;
            case 10 or 11 or 12: reader.ReadUInt64(); break;
            case 8: ReadString(reader); break;
            case 9:
                var itemType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                for (ulong i = 0; i < count; i++)
                {
                    Skip(reader, itemType);
                }

                break;
            default: throw new InvalidDataException($"The GGUF header has an unknown value type {type}.");
        }
    }
}
