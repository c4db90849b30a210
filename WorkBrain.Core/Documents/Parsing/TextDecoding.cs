using System.Text;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Decodes text files: a BOM wins; else strict UTF-8; else GB18030 (common for Chinese files saved on Windows).</summary>
internal static class TextDecoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Gb18030 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    public static bool TryDecode(ReadOnlySpan<byte> content, out string text)
    {
        text = "";
        if (content.StartsWith("\xEF\xBB\xBF"u8))
        {
            return TryStrict(StrictUtf8, content[3..], out text);
        }

        if (content.Length >= 2 && content[0] == 0xFF && content[1] == 0xFE)
        {
            return TryStrict(new UnicodeEncoding(false, false, true), content[2..], out text);
        }

        if (content.Length >= 2 && content[0] == 0xFE && content[1] == 0xFF)
        {
            return TryStrict(new UnicodeEncoding(true, false, true), content[2..], out text);
        }

        if (content.IndexOf((byte)0) >= 0)
        {
            return false;
        }

        return TryStrict(StrictUtf8, content, out text) || TryStrict(Gb18030.Value, content, out text);
    }

    private static bool TryStrict(Encoding encoding, ReadOnlySpan<byte> content, out string text)
    {
        try
        {
            text = encoding.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }

        return LooksLikeText(text);
    }

    /// <summary>Binary files that happen to decode still carry many control characters.</summary>
    private static bool LooksLikeText(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 8192));
        var control = 0;
        foreach (var c in sample)
        {
            if (char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'))
            {
                control++;
            }
        }

        return control <= sample.Length / 100;
    }
}
