namespace WorkBrain.Core.Documents.Parsing;

/// <summary>The text of a document in sections with anchors. <paramref name="Pages"/> counts pages, sheets, slides or
/// text sections; <paramref name="Warnings"/> says what could not be read (e.g. a scanned page with no OCR).</summary>
public sealed record ParsedDocument(DocumentType Format, IReadOnlyList<TextSection> Sections, int Pages, IReadOnlyList<string> Warnings)
{
    public string ContentType => Format switch
    {
        DocumentType.Pdf => "application/pdf",
        DocumentType.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        DocumentType.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        DocumentType.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        DocumentType.Markdown => "text/markdown",
        DocumentType.Csv => "text/csv",
        _ => "text/plain",
    };
}
