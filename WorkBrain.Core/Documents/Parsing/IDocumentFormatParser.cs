namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Extracts the text of one format. Throws <see cref="DocumentException"/> for a file it cannot read.</summary>
internal interface IDocumentFormatParser
{
    bool CanParse(DocumentType format);

    Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken);
}
