using System.Text;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>TXT and Markdown: lines grouped into sections at blank lines (about <see cref="SectionCharacters"/> each),
/// anchored by their line range. Markdown loses its markup characters, keeps its words.</summary>
internal sealed partial class PlainTextParser : IDocumentFormatParser
{
    internal const int SectionCharacters = 1500;

    public bool CanParse(DocumentType format) => format is DocumentType.Text or DocumentType.Markdown;

    public Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken)
    {
        if (!TextDecoding.TryDecode(content, out var text))
        {
            throw new DocumentException("The file is not valid UTF-8, UTF-16 or GB18030 text.");
        }

        limits.NewBudget().Take(text.Length);

        var lines = text.ReplaceLineEndings("\n").Split('\n');
        if (format == DocumentType.Markdown)
        {
            lines = lines.Select(StripMarkdown).ToArray();
        }

        var sections = GroupLines(lines);
        return Task.FromResult(new ParsedDocument(format, sections, sections.Count, []));
    }

    internal static List<TextSection> GroupLines(IReadOnlyList<string> lines)
    {
        var sections = new List<TextSection>();
        var buffer = new StringBuilder();
        var first = -1;
        var last = -1;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd();
            var blank = line.Length == 0;
            if (blank && buffer.Length >= SectionCharacters / 2 || buffer.Length + line.Length > SectionCharacters && buffer.Length > 0)
            {
                Flush();
            }

            if (blank)
            {
                if (buffer.Length > 0)
                {
                    buffer.Append('\n');
                }

                continue;
            }

            if (first < 0)
            {
                first = i + 1;
            }

            last = i + 1;
            buffer.Append(line).Append('\n');
        }

        Flush();
        return sections;

        void Flush()
        {
            var body = buffer.ToString().Trim();
            if (body.Length > 0)
            {
                sections.Add(new TextSection(first == last ? $"line {first}" : $"lines {first}–{last}", body));
            }

            buffer.Clear();
            first = -1;
        }
    }

    private static string StripMarkdown(string line)
    {
        var s = LeadingMarks().Replace(line, "");
        s = Images().Replace(s, "$1");
        s = Links().Replace(s, "$1");
        s = Emphasis().Replace(s, "");
        return s.StartsWith("```", StringComparison.Ordinal) || TableRule().IsMatch(s) ? "" : s.Replace('|', ' ');
    }

    [GeneratedRegex(@"^\s{0,3}(#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)")]
    private static partial Regex LeadingMarks();

    [GeneratedRegex(@"!\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Images();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Links();

    [GeneratedRegex(@"(\*\*|__|`|~~)")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}")]
    private static partial Regex TableRule();
}
