using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Presentation;
using Drawing = DocumentFormat.OpenXml.Drawing;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>PPTX: each slide's text (shapes, tables, then speaker notes), anchored "slide N" in presentation order.</summary>
internal sealed class PresentationParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Pptx;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken) =>
        Task.FromResult(OpenXmlErrors.Guard("PPTX", () => Parse(content, limits, cancellationToken)));

    private static ParsedDocument Parse(byte[] content, ParseLimits limits, CancellationToken cancellationToken)
    {
        using var document = PresentationDocument.Open(new MemoryStream(content, writable: false), false);
        var presentationPart = document.PresentationPart ?? throw new DocumentException("The file is not a valid PPTX document: it has no presentation.");
        var slideIds = presentationPart.Presentation?.SlideIdList?.Elements<SlideId>().ToList() ?? [];
        ParseLimits.Check(slideIds.Count, limits.MaxSlides, "slides");
        var budget = limits.NewBudget();
        var sections = new List<TextSection>();
        for (var i = 0; i < slideIds.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (slideIds[i].RelationshipId?.Value is not { } relId || presentationPart.GetPartById(relId) is not SlidePart slidePart)
            {
                continue;
            }

            var text = new StringBuilder();
            AppendParagraphs(text, slidePart, budget);
            AppendParagraphs(text, slidePart.NotesSlidePart, budget);
            if (text.Length > 0)
            {
                sections.Add(new TextSection($"slide {i + 1}", text.ToString().TrimEnd()));
            }
        }

        return new ParsedDocument(DocumentType.Pptx, sections, slideIds.Count, []);
    }

    /// <summary>The part's drawing paragraphs, read as a stream (a slide is never held as a tree).</summary>
    private static void AppendParagraphs(StringBuilder text, OpenXmlPart? part, TextBudget budget)
    {
        if (part is null)
        {
            return;
        }

        var line = new StringBuilder();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Drawing.Text) && reader.IsStartElement)
            {
                var run = reader.GetText();
                budget.Take(run.Length);
                line.Append(run);
            }
            else if (reader.ElementType == typeof(Drawing.Paragraph) && reader.IsEndElement)
            {
                var trimmed = line.ToString().Trim();
                if (trimmed.Length > 0)
                {
                    text.Append(trimmed).Append('\n');
                }

                line.Clear();
            }
        }
    }
}
