using System.IO.Compression;
using System.Text;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Decides a file's format from its bytes, never from its name alone: %PDF, a ZIP with OOXML part names,
/// or text that decodes as UTF-8/UTF-16/GB18030. The name only tells Markdown and CSV apart from plain text.</summary>
internal static class FormatSniffer
{
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static DocumentType Detect(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.IsEmpty)
        {
            throw new DocumentException($"\"{fileName}\" is empty.");
        }

        if (IsPdf(content))
        {
            return DocumentType.Pdf;
        }

        if (content.StartsWith(OleMagic))
        {
            throw new DocumentException(ContainsUtf16(content, "EncryptedPackage")
                ? $"\"{fileName}\" is a password-protected (encrypted) Office file; save it without a password and upload it again."
                : $"\"{fileName}\" is a legacy binary Office file (.doc/.xls/.ppt); save it as .docx/.xlsx/.pptx and upload it again.");
        }

        if (content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] is 3 or 5 or 7)
        {
            return DetectOpenXml(content, fileName);
        }

        if (TextDecoding.TryDecode(content, out _) is false)
        {
            throw new DocumentException($"\"{fileName}\" is not a supported document: PDF, DOCX, XLSX, PPTX, TXT, MD or CSV are accepted.");
        }

        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".md" or ".markdown" => DocumentType.Markdown,
            ".csv" => DocumentType.Csv,
            _ => DocumentType.Text,
        };
    }

    private static bool IsPdf(ReadOnlySpan<byte> content)
    {
        // The header may follow a little junk; readers accept it within the first 1024 bytes.
        var head = content[..Math.Min(content.Length, 1024)];
        return head.IndexOf("%PDF-"u8) >= 0;
    }

    private static DocumentType DetectOpenXml(ReadOnlySpan<byte> content, string fileName)
    {
        HashSet<string> parts;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content.ToArray()), ZipArchiveMode.Read);
            parts = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentException($"\"{fileName}\" is a damaged ZIP/Office file and cannot be read.", ex);
        }

        if (!parts.Contains("[Content_Types].xml"))
        {
            throw new DocumentException($"\"{fileName}\" is a ZIP archive, not a DOCX, XLSX or PPTX document.");
        }

        if (parts.Contains("word/document.xml"))
        {
            return DocumentType.Docx;
        }

        if (parts.Contains("xl/workbook.xml"))
        {
            return DocumentType.Xlsx;
        }

        if (parts.Contains("ppt/presentation.xml"))
        {
            return DocumentType.Pptx;
        }

        throw new DocumentException($"\"{fileName}\" is an Office package of a kind that is not supported (only DOCX, XLSX and PPTX).");
    }

    private static bool ContainsUtf16(ReadOnlySpan<byte> content, string text) =>
        content.IndexOf(Encoding.Unicode.GetBytes(text)) >= 0;
}
