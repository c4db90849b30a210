using System.Text;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>CSV (comma, semicolon or tab): each row becomes "header: value; …" so a passage carries its column names;
/// rows are grouped into sections anchored by their line range.</summary>
internal sealed class CsvParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Csv;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (!TextDecoding.TryDecode(content, out var text))
        {
            throw new DocumentException("The CSV file is not valid UTF-8, UTF-16 or GB18030 text.");
        }

        limits.NewBudget().Take(text.Length);

        var rows = ReadRows(text, GuessDelimiter(text));
        ParseLimits.Check(rows.Count, limits.MaxRows, "rows");
        var sections = new List<TextSection>();
        if (rows.Count == 0)
        {
            return Task.FromResult(new ParsedDocument(format, sections, 0, []));
        }

        var header = rows[0].Fields;
        var buffer = new StringBuilder();
        var firstLine = 0;
        var lastLine = 0;
        foreach (var (line, fields) in rows.Skip(1))
        {
            var rowText = string.Join("; ", fields.Select((value, i) =>
                i < header.Count && header[i].Length > 0 ? $"{header[i]}: {value}" : value).Where(v => v.Length > 0)) + "。\n";
            if (buffer.Length + rowText.Length > PlainTextParser.SectionCharacters && buffer.Length > 0)
            {
                Flush();
            }

            if (buffer.Length == 0)
            {
                firstLine = line;
            }

            lastLine = line;
            buffer.Append(rowText);
        }

        Flush();
        if (sections.Count == 0)
        {
            sections.Add(new TextSection("line 1", string.Join("; ", header)));
        }

        return Task.FromResult(new ParsedDocument(format, sections, sections.Count, []));

        void Flush()
        {
            if (buffer.Length > 0)
            {
                sections.Add(new TextSection(firstLine == lastLine ? $"line {firstLine}" : $"lines {firstLine}–{lastLine}", buffer.ToString().TrimEnd()));
                buffer.Clear();
            }
        }
    }

    private static char GuessDelimiter(string text)
    {
        var newline = text.IndexOf('\n');
        var header = newline >= 0 ? text[..newline] : text;
        char[] candidates = [',', ';', '\t'];
        return candidates.MaxBy(c => header.Count(x => x == c));
    }

    /// <summary>RFC 4180: quoted fields may hold delimiters, doubled quotes and line breaks.</summary>
    internal static List<(int Line, List<string> Fields)> ReadRows(string text, char delimiter)
    {
        var rows = new List<(int, List<string>)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == delimiter)
            {
                fields.Add(field.ToString().Trim());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRow();
                line++;
                rowLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString().Trim());
            field.Clear();
            if (fields.Any(f => f.Length > 0))
            {
                rows.Add((rowLine, fields));
            }

            fields = [];
        }
    }
}
