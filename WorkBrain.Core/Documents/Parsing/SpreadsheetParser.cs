using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>XLSX: each sheet's rows as "header: value; …" (the first non-empty row is the header), anchored "sheet NAME"
/// (with the row range when a sheet spans several sections).</summary>
internal sealed class SpreadsheetParser : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Xlsx;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken) =>
        Task.FromResult(OpenXmlErrors.Guard("XLSX", () => Parse(content, limits, cancellationToken)));

    private static ParsedDocument Parse(byte[] content, ParseLimits limits, CancellationToken cancellationToken)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content, writable: false), false);
        var workbookPart = document.WorkbookPart ?? throw new DocumentException("The file is not a valid XLSX document: it has no workbook.");
        var budget = limits.NewBudget();
        var shared = SharedStrings(workbookPart.SharedStringTablePart, budget, cancellationToken);
        var sheets = workbookPart.Workbook?.Sheets?.Elements<Sheet>().ToList() ?? [];
        ParseLimits.Check(sheets.Count, limits.MaxSheets, "sheets");
        var sections = new List<TextSection>();
        var rowCount = 0;
        foreach (var sheet in sheets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sheet.Id?.Value is not { } relId || workbookPart.GetPartById(relId) is not WorksheetPart worksheetPart)
            {
                continue;
            }

            var rows = new List<(int Index, List<string> Cells)>();
            using (var reader = OpenXmlReader.Create(worksheetPart))
            {
                while (reader.Read())
                {
                    if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                    {
                        continue;
                    }

                    ParseLimits.Check(++rowCount, limits.MaxRows, "rows");
                    if ((rowCount & 0x3FF) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var row = (Row)reader.LoadCurrentElement()!;
                    var cells = RowValues(row, shared);
                    if (cells.Any(c => c.Length > 0))
                    {
                        budget.Take(cells.Sum(c => c.Length));
                        rows.Add(((int)(row.RowIndex?.Value ?? 0), cells));
                    }
                }
            }

            AddSheet(sections, sheet.Name?.Value ?? "?", rows);
        }

        return new ParsedDocument(DocumentType.Xlsx, sections, sheets.Count, []);
    }

    /// <summary>The shared string table, read item by item; its text counts against the document's budget.</summary>
    private static string[] SharedStrings(SharedStringTablePart? part, TextBudget budget, CancellationToken cancellationToken)
    {
        if (part is null)
        {
            return [];
        }

        var strings = new List<string>();
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                var text = reader.LoadCurrentElement()!.InnerText;
                budget.Take(text.Length);
                strings.Add(text);
                if ((strings.Count & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        return [.. strings];
    }

    private static void AddSheet(List<TextSection> sections, string name, List<(int Index, List<string> Cells)> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var header = rows[0].Cells;
        var parts = new List<(int First, int Last, string Text)>();
        var buffer = new StringBuilder();
        var first = rows[0].Index;
        var last = first;
        foreach (var (index, cells) in rows.Count == 1 ? rows : rows.Skip(1))
        {
            var line = string.Join("; ", cells.Select((v, i) =>
                rows.Count > 1 && i < header.Count && header[i].Length > 0 && v.Length > 0 ? $"{header[i]}: {v}" : v).Where(v => v.Length > 0)) + "。\n";
            if (buffer.Length + line.Length > PlainTextParser.SectionCharacters && buffer.Length > 0)
            {
                parts.Add((first, last, buffer.ToString().TrimEnd()));
                buffer.Clear();
            }

            if (buffer.Length == 0)
            {
                first = index;
            }

            last = index;
            buffer.Append(line);
        }

        parts.Add((first, last, buffer.ToString().TrimEnd()));
        foreach (var (f, l, text) in parts)
        {
            sections.Add(new TextSection(parts.Count == 1 ? $"sheet {name}" : $"sheet {name}, rows {f}–{l}", text));
        }
    }

    private static List<string> RowValues(Row row, string[] shared)
    {
        var values = new List<string>();
        foreach (var cell in row.Elements<Cell>())
        {
            var column = ColumnIndex(cell.CellReference?.Value);
            while (column > values.Count)
            {
                values.Add("");
            }

            values.Add(CellText(cell, shared).Trim());
        }

        return values;
    }

    private static string CellText(Cell cell, string[] shared)
    {
        var raw = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, out var i) && i >= 0 && i < shared.Length ? shared[i] : "";
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? "";
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "TRUE" : "FALSE";
        }

        return raw;
    }

    /// <summary>"C7" → 2 (zero-based); -1 when the reference is missing.</summary>
    private static int ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return -1;
        }

        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return column - 1;
    }
}
