using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>DOCX: paragraphs (tables included) in order, read as a stream so that a document of millions of paragraphs
/// is never held as a tree. Word records where it last broke pages; when those marks are present the anchor is
/// "page N", otherwise a paragraph range.</summary>
internal sealed class WordParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Docx;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken) =>
        Task.FromResult(OpenXmlErrors.Guard("DOCX", () => Parse(content, limits, cancellationToken)));

    private static ParsedDocument Parse(byte[] content, ParseLimits limits, CancellationToken cancellationToken)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(content, writable: false), false);
        var main = document.MainDocumentPart ?? throw new DocumentException("The file is not a valid DOCX document: it has no body.");
        var budget = limits.NewBudget();
        var sections = new List<(int First, int Last, int Page, string Text)>();
        var buffer = new StringBuilder();
        var paragraph = new StringBuilder();
        var page = 1;
        var sectionPage = 1;
        var first = 0;
        var last = 0;
        var count = 0;
        var depth = 0;
        var breaks = 0;
        var paged = false;
        var hasBody = false;

        using (var reader = OpenXmlReader.Create(main))
        {
            while (reader.Read())
            {
                var type = reader.ElementType;
                if (type == typeof(Body))
                {
                    hasBody = true;
                }
                else if (type == typeof(Paragraph))
                {
                    if (reader.IsStartElement && depth++ == 0)
                    {
                        paragraph.Clear();
                        breaks = 0;
                    }

                    if (reader.IsEndElement && --depth == 0)
                    {
                        EndParagraph();
                    }
                }
                else if (depth > 0 && reader.IsStartElement)
                {
                    Read(reader, type);
                }
            }
        }

        if (!hasBody)
        {
            throw new DocumentException("The file is not a valid DOCX document: it has no body.");
        }

        Flush();
        var anchored = sections.Select(s => new TextSection(
            paged ? $"page {s.Page}" : s.First == s.Last ? $"paragraph {s.First}" : $"paragraphs {s.First}–{s.Last}", s.Text)).ToList();
        return new ParsedDocument(DocumentType.Docx, anchored, paged ? page : anchored.Count, []);

        void Read(OpenXmlReader reader, Type type)
        {
            if (type == typeof(DocumentFormat.OpenXml.Wordprocessing.Text))
            {
                var text = reader.GetText();
                budget.Take(text.Length);
                paragraph.Append(text);
            }
            else if (type == typeof(TabChar))
            {
                paragraph.Append('\t');
            }
            else if (type == typeof(LastRenderedPageBreak))
            {
                breaks++;
            }
            else if (type == typeof(Break))
            {
                var kind = reader.Attributes.FirstOrDefault(a => a.LocalName == "type").Value;
                if (kind == "page")
                {
                    breaks++;
                }
                else if (kind is null or "textWrapping")
                {
                    paragraph.Append('\n');
                }
            }
        }

        void EndParagraph()
        {
            ParseLimits.Check(++count, limits.MaxParagraphs, "paragraphs");
            if ((count & 0x3FF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            paged |= breaks > 0;
            if (breaks > 0 && buffer.Length > 0)
            {
                Flush();
            }

            page += breaks;
            var text = paragraph.ToString().Trim();
            if (text.Length == 0)
            {
                return;
            }

            if (buffer.Length + text.Length > PlainTextParser.SectionCharacters && buffer.Length > 0)
            {
                Flush();
            }

            if (buffer.Length == 0)
            {
                first = count;
                sectionPage = page;
            }

            last = count;
            buffer.Append(text).Append('\n');
        }

        void Flush()
        {
            if (buffer.Length > 0)
            {
                sections.Add((first, last, sectionPage, buffer.ToString().TrimEnd()));
                buffer.Clear();
            }
        }
    }
}
