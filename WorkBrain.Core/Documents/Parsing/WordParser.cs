using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>DOCX: paragraphs (tables included) in order. Word records where it last broke pages; when those marks are
/// present the anchor is "page N", otherwise a paragraph range.</summary>
internal sealed class WordParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Docx;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, CancellationToken cancellationToken) =>
        Task.FromResult(OpenXmlErrors.Guard("DOCX", () => Parse(content, cancellationToken)));

    private static ParsedDocument Parse(byte[] content, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content), false);
        var body = document.MainDocumentPart?.Document?.Body ?? throw new DocumentException("The file is not a valid DOCX document: it has no body.");
        var paragraphs = body.Descendants<Paragraph>().ToList();
        var paged = body.Descendants<LastRenderedPageBreak>().Any()
            || body.Descendants<Break>().Any(b => b.Type?.Value == BreakValues.Page);

        var sections = new List<TextSection>();
        var buffer = new StringBuilder();
        var page = 1;
        var sectionPage = 1;
        var firstParagraph = 0;
        var lastParagraph = 0;
        for (var i = 0; i < paragraphs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var paragraph = paragraphs[i];
            var breaks = paragraph.Descendants<LastRenderedPageBreak>().Count()
                + paragraph.Descendants<Break>().Count(b => b.Type?.Value == BreakValues.Page);
            if (paged && breaks > 0 && buffer.Length > 0)
            {
                Flush();
            }

            page += breaks;
            var text = ParagraphText(paragraph);
            if (text.Length == 0)
            {
                continue;
            }

            if (buffer.Length + text.Length > PlainTextParser.SectionCharacters && buffer.Length > 0)
            {
                Flush();
            }

            if (buffer.Length == 0)
            {
                firstParagraph = i + 1;
                sectionPage = page;
            }

            lastParagraph = i + 1;
            buffer.Append(text).Append('\n');
        }

        Flush();
        return new ParsedDocument(DocumentType.Docx, sections, paged ? page : sections.Count, []);

        void Flush()
        {
            if (buffer.Length == 0)
            {
                return;
            }

            var anchor = paged ? $"page {sectionPage}"
                : firstParagraph == lastParagraph ? $"paragraph {firstParagraph}" : $"paragraphs {firstParagraph}–{lastParagraph}";
            sections.Add(new TextSection(anchor, buffer.ToString().TrimEnd()));
            buffer.Clear();
        }
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case DocumentFormat.OpenXml.Wordprocessing.Text t:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break b when b.Type is null || b.Type.Value == BreakValues.TextWrapping:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString().Trim();
    }
}
