namespace WorkBrain.Core.Documents.Parsing;

public enum DocumentType
{
    Pdf,
    Docx,
    Xlsx,
    Pptx,
    Text,
    Markdown,
    Csv,
}
