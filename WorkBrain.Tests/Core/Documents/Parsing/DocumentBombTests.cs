using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Parsing;

namespace WorkBrain.Tests.Core.Documents.Parsing;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "Memory measured";
}

/// <summary>The files that took the server from 2 GB to 9 GB: refused with a reason while the heap stays small.</summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class DocumentBombTests
{
    private const long HeapBound = 256L * 1024 * 1024;

    private static DocumentParser Parser() => new(Options.Create(new DocumentsOptions()), []);

    [Fact]
    public async Task Parse_DocxWith400MillionCharactersInOneRun_RefusedAsBomb_HeapStaysSmall()
    {
        var bomb = BombDocuments.DocxWithOneRun(400_000_000);
        Assert.InRange(bomb.Length, 1, 2_000_000);

        var (growth, error) = await PeakMemory.MeasureAsync(() => Parser().ParseAsync(bomb, "bomb.docx"));

        var refused = Assert.IsType<DocumentException>(error);
        Assert.Contains("decompression bomb", refused.Message, StringComparison.Ordinal);
        Assert.InRange(growth, long.MinValue, HeapBound);
    }

    [Fact]
    public async Task Parse_DocxWithThreeMillionParagraphs_Refused_HeapStaysSmall()
    {
        var bomb = BombDocuments.DocxWithParagraphs(3_000_000, empty: true);

        var (growth, error) = await PeakMemory.MeasureAsync(() => Parser().ParseAsync(bomb, "paragraphs.docx"));

        Assert.IsType<DocumentException>(error);
        Assert.InRange(growth, long.MinValue, HeapBound);
    }

    [Fact]
    public async Task Parse_ThreeMillionParagraphsWithinPackageLimits_StopsAtParagraphLimit_HeapStaysSmall()
    {
        var bomb = BombDocuments.DocxWithParagraphs(3_000_000, empty: true);
        var parser = new DocumentParser(Options.Create(new DocumentsOptions { MaxCompressionRatio = 100_000 }), []);

        var (growth, error) = await PeakMemory.MeasureAsync(() => parser.ParseAsync(bomb, "paragraphs.docx"));

        var refused = Assert.IsType<DocumentException>(error);
        Assert.Contains("200,000 paragraphs", refused.Message, StringComparison.Ordinal);
        Assert.InRange(growth, long.MinValue, HeapBound);
    }
}
