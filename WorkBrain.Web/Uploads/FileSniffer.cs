using System.IO.Compression;
using System.Text;
using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Uploads;

/// <summary>What a file really is, from its first bytes: the name and the browser's content type are only hints
/// (they decide between audio and video for containers that hold either).</summary>
public static class FileSniffer
{
    public sealed record Sniffed(AttachmentKind Kind, string ContentType);

    // Not a u8 literal: "\x89" would be encoded as the two UTF-8 bytes of U+0089.
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static Sniffed? Sniff(ReadOnlySpan<byte> head, string? declaredType, string fileName, Func<Stream>? openZip = null)
    {
        var declared = declaredType ?? "";
        var ext = Path.GetExtension(fileName).ToLowerInvariant();

        if (head.StartsWith(PngSignature)) return new(AttachmentKind.Image, "image/png");
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return new(AttachmentKind.Image, "image/jpeg");
        if (head.StartsWith("GIF8"u8)) return new(AttachmentKind.Image, "image/gif");
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return new(AttachmentKind.Image, "image/webp");
        if (head.StartsWith("BM"u8) && head.Length > 14) return new(AttachmentKind.Image, "image/bmp");
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WAVE"u8)) return new(AttachmentKind.Audio, "audio/wav");
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)) return new(AttachmentKind.Audio, "audio/mpeg");
        if (head.StartsWith("fLaC"u8)) return new(AttachmentKind.Audio, "audio/flac");
        if (head.StartsWith("OggS"u8)) return new(AttachmentKind.Audio, "audio/ogg");
        if (head.Length >= 4 && head[0] == 0x1A && head[1] == 0x45 && head[2] == 0xDF && head[3] == 0xA3)
        {
            var video = declared.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || ext is ".mkv" || (ext == ".webm" && !declared.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) && declared.Length > 0);
            return video ? new(AttachmentKind.Video, "video/webm") : new(AttachmentKind.Audio, "audio/webm");
        }

        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = Encoding.ASCII.GetString(head[8..12]);
            var audio = brand.StartsWith("M4A", StringComparison.Ordinal) || declared.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || ext == ".m4a";
            return audio ? new(AttachmentKind.Audio, "audio/mp4") : new(AttachmentKind.Video, "video/mp4");
        }

        if (head.StartsWith("%PDF-"u8)) return new(AttachmentKind.Document, "application/pdf");
        if (head.StartsWith("PK\x03\x04"u8) && openZip is not null) return SniffOfficeZip(openZip);
        if (LooksLikeText(head))
        {
            var type = ext switch { ".md" or ".markdown" => "text/markdown", ".csv" => "text/csv", _ => "text/plain" };
            return new(AttachmentKind.Document, type);
        }

        return null;
    }

    private static Sniffed? SniffOfficeZip(Func<Stream> open)
    {
        try
        {
            using var zip = new ZipArchive(open(), ZipArchiveMode.Read, leaveOpen: false);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml")) return null;
            if (names.Contains("word/document.xml")) return new(AttachmentKind.Document, "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            if (names.Contains("xl/workbook.xml")) return new(AttachmentKind.Document, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            if (names.Contains("ppt/presentation.xml")) return new(AttachmentKind.Document, "application/vnd.openxmlformats-officedocument.presentationml.presentation");
            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>UTF-8 (or GB18030-like multi-byte) text: no NUL bytes and mostly printable.</summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> head)
    {
        if (head.Length == 0 || head.Contains((byte)0))
        {
            return false;
        }

        var control = 0;
        foreach (var b in head)
        {
            if (b < 0x09 || (b > 0x0D && b < 0x20))
            {
                control++;
            }
        }

        return control * 50 < head.Length;
    }
}
