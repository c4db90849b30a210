using System.IO.Compression;
using System.Text;

namespace WorkBrain.Tests.Core.Documents.Parsing;

/// <summary>Hand-made DOCX packages that are small on disk and enormous once unpacked, written as streams so the test
/// itself never holds the text.</summary>
internal static class BombDocuments
{
    private const string W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <summary>One paragraph with one run of <paramref name="characters"/> letters (the 400 MB case).</summary>
    public static byte[] DocxWithOneRun(long characters) => Docx(writer =>
    {
        writer.Write("<w:p><w:r><w:t>");
        var block = new string('a', 1 << 16);
        for (var left = characters; left > 0; left -= block.Length)
        {
            writer.Write(left >= block.Length ? block : block[..(int)left]);
        }

        writer.Write("</w:t></w:r></w:p>");
    });

    /// <summary><paramref name="count"/> paragraphs, each a few words unless <paramref name="empty"/>.</summary>
    public static byte[] DocxWithParagraphs(int count, bool empty) => Docx(writer =>
    {
        for (var i = 0; i < count; i++)
        {
            writer.Write(empty ? "<w:p/>" : $"<w:p><w:r><w:t>Paragraph {i} of the report.</w:t></w:r></w:p>");
        }
    });

    /// <summary>A valid DOCX plus <paramref name="extraEntries"/> empty parts in its package.</summary>
    public static byte[] DocxWithExtraEntries(int extraEntries)
    {
        var docx = DocxWithParagraphs(1, empty: false);
        using var stream = new MemoryStream();
        stream.Write(docx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            for (var i = 0; i < extraEntries; i++)
            {
                zip.CreateEntry($"customXml/item{i}.xml");
            }
        }

        return stream.ToArray();
    }

    private static byte[] Docx(Action<StreamWriter> body)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
                """);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
                """);
            var entry = zip.CreateEntry("word/document.xml", CompressionLevel.Optimal);
            using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(false));
            writer.Write($"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}"><w:body>""");
            body(writer);
            writer.Write("</w:body></w:document>");
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
