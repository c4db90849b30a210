using System.Text;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Parsing;

namespace WorkBrain.Tests.Core.Documents.Parsing;

/// <summary>Each bound of <see cref="DocumentsOptions"/> refuses a document past it with a reason, and lets one within it through.</summary>
public sealed class DocumentLimitsTests
{
    private static DocumentParser Parser(Action<DocumentsOptions> configure)
    {
        var options = new DocumentsOptions();
        configure(options);
        return new DocumentParser(Options.Create(options), []);
    }

    private static async Task<string> RefusalAsync(DocumentParser parser, byte[] content, string name) =>
        (await Assert.ThrowsAsync<DocumentException>(() => parser.ParseAsync(content, name))).Message;

    [Fact]
    public async Task Docx_MoreParagraphsThanAllowed_Refused_FewerRead()
    {
        var parser = Parser(o => o.MaxParagraphs = 1000);

        var refusal = await RefusalAsync(parser, BombDocuments.DocxWithParagraphs(1001, empty: false), "long.docx");
        var read = await parser.ParseAsync(BombDocuments.DocxWithParagraphs(1000, empty: false), "ok.docx");

        Assert.Contains("1,000 paragraphs", refusal, StringComparison.Ordinal);
        Assert.Contains("Paragraph 999 of the report.", read.Sections[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Docx_MoreCharactersThanAllowed_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxDocumentCharacters = 5_000), BombDocuments.DocxWithOneRun(5_001), "a.docx");

        Assert.Contains("5,000 characters", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_PartLargerThanAllowed_Refused_EvenWhenRatioIsModest()
    {
        var parser = Parser(o => { o.MaxZipEntryBytes = 100_000; o.MaxCompressionRatio = 100_000; });

        var refusal = await RefusalAsync(parser, BombDocuments.DocxWithParagraphs(5_000, empty: false), "big.docx");

        Assert.Contains("word/document.xml", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_CompressedFarMoreThanDocumentsAre_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxCompressionRatio = 50), BombDocuments.DocxWithOneRun(20_000_000), "ratio.docx");

        Assert.Contains("compressed more than 50:1", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Package_TooManyParts_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxZipEntries = 50), BombDocuments.DocxWithExtraEntries(60), "parts.docx");

        Assert.Contains("parts in its package", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xlsx_MoreRowsThanAllowed_Refused()
    {
        var rows = Enumerable.Range(0, 30).Select(i => new[] { $"item {i}", i.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ToArray();

        var refusal = await RefusalAsync(Parser(o => o.MaxRows = 20), TestDocuments.Xlsx("Sales", rows), "sales.xlsx");

        Assert.Contains("20 rows", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pptx_MoreSlidesThanAllowed_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxSlides = 2), TestDocuments.Pptx("one", "two", "three"), "deck.pptx");

        Assert.Contains("2 slides", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pdf_MorePagesThanAllowed_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxPdfPages = 2), TestDocuments.Pdf("one", "two", "three"), "book.pdf");

        Assert.Contains("2 pages", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_MoreRowsThanAllowed_Refused()
    {
        var csv = Encoding.UTF8.GetBytes("name,amount\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"n{i},{i}\n")));

        var refusal = await RefusalAsync(Parser(o => o.MaxRows = 10), csv, "data.csv");

        Assert.Contains("10 rows", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_MoreCharactersThanAllowed_Refused()
    {
        var refusal = await RefusalAsync(Parser(o => o.MaxDocumentCharacters = 1_000), Encoding.UTF8.GetBytes(new string('字', 1_001)), "notes.txt");

        Assert.Contains("1,000 characters", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_LongerThanTheTimeout_StoppedWithReason()
    {
        var parser = Parser(o => { o.ParseTimeoutSeconds = 1; o.MaxParagraphs = int.MaxValue; o.MaxCompressionRatio = 100_000; o.MaxZipEntryBytes = 1L << 30; o.MaxZipTotalBytes = 1L << 31; });
        var slow = BombDocuments.DocxWithParagraphs(6_000_000, empty: true);

        var refusal = await RefusalAsync(parser, slow, "slow.docx");

        Assert.Contains("longer than 1 s", refusal, StringComparison.Ordinal);
    }
}
