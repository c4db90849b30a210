using System.Text;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Parsing;

namespace WorkBrain.Tests.Core.Documents.Parsing;

public sealed class DocumentParserTests
{
    private static DocumentParser Parser(long maxBytes = 50 * 1024 * 1024, IPageOcr? ocr = null) =>
        new(Options.Create(new DocumentsOptions { MaxFileBytes = maxBytes }), ocr is null ? [] : [ocr]);

    [Fact]
    public async Task ParseAsync_Pdf_OneSectionPerPageWithAnchors()
    {
        var bytes = TestDocuments.Pdf("The first page talks about apples.", "The second page talks about pears.");

        var parsed = await Parser().ParseAsync(bytes, "report.bin");

        Assert.Equal(DocumentType.Pdf, parsed.Format);
        Assert.Equal(2, parsed.Pages);
        Assert.Equal(["page 1", "page 2"], parsed.Sections.Select(s => s.Anchor));
        Assert.Contains("apples", parsed.Sections[0].Text, StringComparison.Ordinal);
        Assert.Contains("pears", parsed.Sections[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ScannedPageWithoutOcr_RecordsNoTextLayer()
    {
        var parsed = await Parser().ParseAsync(TestDocuments.ScannedPdf("Text here."), "scan.pdf");

        Assert.Equal("page 1", Assert.Single(parsed.Sections).Anchor);
        Assert.Equal(["page 2 has no text layer (OCR not available)"], parsed.Warnings);
    }

    [Fact]
    public async Task ParseAsync_ScannedPageWithOcr_UsesRecognisedText()
    {
        var ocr = new FakeOcr();

        var parsed = await Parser(ocr: ocr).ParseAsync(TestDocuments.ScannedPdf("Text here."), "scan.pdf");

        Assert.Equal(["page 1", "page 2"], parsed.Sections.Select(s => s.Anchor));
        Assert.Equal("recognised 扫描文字", parsed.Sections[1].Text);
        Assert.Empty(parsed.Warnings);
        Assert.True(ocr.ImageBytes > 0);
    }

    private sealed class FakeOcr : IPageOcr
    {
        public int ImageBytes { get; private set; }

        public bool IsAvailable => true;

        public Task<string> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default)
        {
            ImageBytes = image.Length;
            return Task.FromResult(" recognised 扫描文字 ");
        }
    }

    [Fact]
    public async Task ParseAsync_EncryptedPdf_ThrowsClearMessage()
    {
        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser().ParseAsync(TestDocuments.EncryptedPdf(), "secret.pdf"));

        Assert.Contains("encrypted", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ParseAsync_CorruptPdf_ThrowsDocumentException()
    {
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF garbage \u0001\u0002");

        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser().ParseAsync(bytes, "broken.pdf"));

        Assert.Contains("PDF", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Docx_ExtractsParagraphs()
    {
        var bytes = TestDocuments.Docx("第一段：公司成立于2001年。", "Second paragraph in English.");

        var parsed = await Parser().ParseAsync(bytes, "memo.docx");

        Assert.Equal(DocumentType.Docx, parsed.Format);
        var text = string.Join("\n", parsed.Sections.Select(s => s.Text));
        Assert.Contains("公司成立于2001年", text, StringComparison.Ordinal);
        Assert.Contains("Second paragraph", text, StringComparison.Ordinal);
        Assert.StartsWith("paragraph", parsed.Sections[0].Anchor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Xlsx_AnchorsBySheetAndLabelsColumns()
    {
        var bytes = TestDocuments.Xlsx("Sales", ["Region", "Revenue"], ["North", "120"], ["South", "80"]);

        var parsed = await Parser().ParseAsync(bytes, "sales.xlsx");

        Assert.Equal(DocumentType.Xlsx, parsed.Format);
        var section = Assert.Single(parsed.Sections);
        Assert.Equal("sheet Sales", section.Anchor);
        Assert.Contains("Region: North; Revenue: 120", section.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Pptx_AnchorsBySlide()
    {
        var bytes = TestDocuments.Pptx("Roadmap for 2027", "Budget is 3 million");

        var parsed = await Parser().ParseAsync(bytes, "deck.pptx");

        Assert.Equal(DocumentType.Pptx, parsed.Format);
        Assert.Equal(["slide 1", "slide 2"], parsed.Sections.Select(s => s.Anchor));
        Assert.Contains("Budget is 3 million", parsed.Sections[1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Gb18030Text_DecodesChinese()
    {
        System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var bytes = Encoding.GetEncoding("GB18030").GetBytes("第一行文字。\n第二行文字。\n");

        var parsed = await Parser().ParseAsync(bytes, "notes.txt");

        Assert.Equal(DocumentType.Text, parsed.Format);
        Assert.Equal("lines 1–2", parsed.Sections[0].Anchor);
        Assert.Contains("第二行文字", parsed.Sections[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_Markdown_StripsMarkup()
    {
        var parsed = await Parser().ParseAsync(Encoding.UTF8.GetBytes("# Title\n\nSome **bold** [link](http://x).\n"), "readme.md");

        Assert.Equal(DocumentType.Markdown, parsed.Format);
        Assert.Equal("Title\n\nSome bold link.", parsed.Sections[0].Text);
    }

    [Fact]
    public async Task ParseAsync_Csv_RowsCarryHeaders()
    {
        var csv = "name,city\n\"Li, Wei\",Beijing\nAnna,Berlin\n";

        var parsed = await Parser().ParseAsync(Encoding.UTF8.GetBytes(csv), "people.csv");

        Assert.Equal(DocumentType.Csv, parsed.Format);
        Assert.Equal("lines 2–3", parsed.Sections[0].Anchor);
        Assert.Contains("name: Li, Wei; city: Beijing", parsed.Sections[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ZipThatIsNotOffice_Throws()
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            writer.Write("hi");
        }

        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser().ParseAsync(stream.ToArray(), "fake.docx"));

        Assert.Contains("not a DOCX", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_DamagedDocx_ThrowsNotValid()
    {
        var bytes = TestDocuments.Docx("hello");
        var damaged = bytes.Take(bytes.Length / 2).ToArray();

        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser().ParseAsync(damaged, "memo.docx"));

        Assert.Contains("damaged", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_BinaryFile_ThrowsUnsupported()
    {
        var bytes = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1, 2, 3 };

        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser().ParseAsync(bytes, "image.txt"));

        Assert.Contains("not a supported document", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_StreamOverLimit_ThrowsTooLarge()
    {
        using var stream = new MemoryStream(new byte[5000]);

        var ex = await Assert.ThrowsAsync<DocumentException>(() => Parser(maxBytes: 2048).ParseAsync(stream, "big.txt"));

        Assert.Contains("limit", ex.Message, StringComparison.Ordinal);
    }
}
