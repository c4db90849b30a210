namespace WorkBrain.Core.Documents.Parsing;

/// <summary>The bounds one document is read within (from <see cref="DocumentsOptions"/>), so that a small file that
/// expands into gigabytes of text, paragraphs or rows fails early instead of exhausting the server.</summary>
internal sealed record ParseLimits(
    int MaxCharacters,
    int MaxParagraphs,
    int MaxSheets,
    int MaxRows,
    int MaxSlides,
    int MaxPdfPages,
    int MaxOcrPages,
    long MaxImagePixels,
    int MaxZipEntries,
    long MaxZipEntryBytes,
    long MaxZipTotalBytes,
    double MaxCompressionRatio)
{
    public static ParseLimits From(DocumentsOptions o) => new(
        o.MaxDocumentCharacters, o.MaxParagraphs, o.MaxSheets, o.MaxRows, o.MaxSlides, o.MaxPdfPages, o.MaxOcrPages,
        o.MaxImagePixels, o.MaxZipEntries, o.MaxZipEntryBytes, o.MaxZipTotalBytes, o.MaxCompressionRatio);

    public TextBudget NewBudget() => new(MaxCharacters);

    /// <summary>Throws when <paramref name="count"/> passes <paramref name="limit"/> of the <paramref name="what"/> a document may have.</summary>
    public static void Check(long count, long limit, string what)
    {
        if (count > limit)
        {
            throw new DocumentException($"The document has more than {limit:N0} {what}, more than this server reads from one document.");
        }
    }
}
