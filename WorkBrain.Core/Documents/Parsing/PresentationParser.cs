using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>PPTX: each slide's text (shapes, tables, then speaker notes), anchored "slide N" in presentation order.</summary>
internal sealed class PresentationParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Pptx;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, CancellationToken cancellationToken) =>
        Task.FromResult(OpenXmlErrors.Guard("PPTX", () => Parse(content, cancellationToken)));

    private static ParsedDocument Parse(byte[] content, CancellationToken cancellationToken)
    {
        using var document = PresentationDocument.Open(new MemoryStream(content), false);
        var presentationPart = document.PresentationPart ?? throw new DocumentException("The file is not a valid PPTX document: it has no presentation.");
        var slideIds = presentationPart.Presentation?.SlideIdList?.Elements<SlideId>().ToList() ?? [];
        var sections = new List<TextSection>();
        for (var i = 0; i < slideIds.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slideIds[i].RelationshipId?.Value is not { } relId || presentationPart.GetPartById(relId) is not SlidePart slidePart)
            {
                continue;
            }

            var text = new StringBuilder();
            AppendParagraphs(text, slidePart.Slide);
            AppendParagraphs(text, slidePart.NotesSlidePart?.NotesSlide);
            if (text.Length > 0)
            {
                sections.Add(new TextSection($"slide {i + 1}", text.ToString().TrimEnd()));
            }
        }

        return new ParsedDocument(DocumentType.Pptx, sections, slideIds.Count, []);
    }

    private static void AppendParagraphs(StringBuilder text, DocumentFormat.OpenXml.OpenXmlElement? root)
    {
        if (root is null)
        {
            return;
        }

        foreach (var paragraph in root.Descendants<Drawing.Paragraph>())
        {
            var line = string.Concat(paragraph.Descendants<Drawing.Text>().Select(t => t.Text)).Trim();
            if (line.Length > 0)
            {
                text.Append(line).Append('\n');
            }
        }
    }
}
