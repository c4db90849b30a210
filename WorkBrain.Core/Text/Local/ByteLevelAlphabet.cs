namespace WorkBrain.Core.Text.Local;

/// <summary>The GPT-2 byte-level alphabet: each byte is shown as a printable character (space is 'Ġ').</summary>
internal static class ByteLevelAlphabet
{
    public static Dictionary<char, byte> UnicodeToByte()
    {
        var map = new Dictionary<char, byte>(256);
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            var c = printable ? (char)b : (char)(256 + extra++);
            map[c] = (byte)b;
        }

        return map;
    }
}
