using Markdig.Syntax;

namespace WorkBrain.Web.Rendering;

/// <summary>
/// Markdown of an answer that is still growing, rendered in pieces so each update costs about the size of what is new,
/// not the size of the answer: the finished blocks (up to the last blank line outside a code fence that is followed by
/// an unindented line) are rendered once each and kept, and only the unfinished tail is rendered again as tokens arrive.
/// A long paragraph that is still being written (one line, the usual shape of a model's paragraph, in any script) is
/// itself kept in pieces (<see cref="ParagraphPieces"/>): a settled run of its words is rendered once, as inline markup,
/// and the tail is only the words after it. The page shows each piece as its own markup, so a render sends the browser
/// the changed tail instead of the whole answer again. A finished answer is rendered whole, as before.
/// </summary>
public sealed class StreamingMarkdown(MarkdownRenderer renderer)
{
    /// <summary>A paragraph's unsettled words are settled into a piece once they are this long.</summary>
    internal const int PieceLength = 2048;

    /// <summary>Past this length a piece is settled at a word boundary even if its emphasis or code marks look unbalanced
    /// (what is shown may then differ from the whole render until the answer is finished, when it is rendered whole).</summary>
    internal const int ForcedPieceLength = 16 * 1024;

    private readonly List<string> _blocks = [];
    private readonly List<string> _pieces = [];
    private string _rendered = "";
    private int _stableLength;
    private int _paragraphStart = -1;
    private int _piecesEnd;

    /// <summary>The HTML of the finished blocks, in order.</summary>
    public IReadOnlyList<string> Blocks => _blocks;

    /// <summary>When the text after the finished blocks is a long one-line paragraph still being written: the inline HTML
    /// of its settled runs, in order, each with the space that followed it; the page puts them, then <see cref="Tail"/>,
    /// inside one <c>&lt;p&gt;</c>. Empty otherwise.</summary>
    public IReadOnlyList<string> ParagraphPieces => _pieces;

    /// <summary>The HTML of the text after the last finished block, or (with <see cref="ParagraphPieces"/>) the inline
    /// HTML of the paragraph's words after its last settled run.</summary>
    public string Tail { get; private set; } = "";

    /// <summary>Everything as the page shows it, as one string (for tests and for comparing with a whole render).</summary>
    public string Html => string.Concat(_blocks) + (_pieces.Count > 0 ? "<p>" + string.Concat(_pieces) + Tail + "</p>\n" : Tail);

    /// <summary>Brings the pieces up to <paramref name="text"/>, which normally only grows; any other change starts over.</summary>
    public void Update(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < _rendered.Length || !text.AsSpan().StartsWith(_rendered.AsSpan(0, Math.Max(_stableLength, _piecesEnd))))
        {
            Reset();
        }

        var boundary = FindBoundary(text);
        if (boundary > _stableLength)
        {
            _blocks.Add(renderer.ToHtml(text[_stableLength..boundary]));
            _stableLength = boundary;
            EndParagraph();
        }

        if (!UpdateParagraph(text))
        {
            Tail = renderer.ToHtml(text[_stableLength..]);
        }

        _rendered = text;
    }

    /// <summary>Keeps the open paragraph in settled pieces while it is one line; false when the tail is not such a
    /// paragraph (then it is rendered whole).</summary>
    private bool UpdateParagraph(string text)
    {
        if (_paragraphStart >= 0 && text.AsSpan(_piecesEnd).Contains('\n'))
        {
            // A second line may turn the paragraph into something else (a heading underline, a table): render it whole.
            EndParagraph();
        }

        if (_paragraphStart < 0)
        {
            if (text.Length - _stableLength < PieceLength || text.AsSpan(_stableLength).Contains('\n') || !IsParagraph(text[_stableLength..]))
            {
                return false;
            }

            _paragraphStart = _stableLength;
            _piecesEnd = _stableLength;
        }

        while (text.Length - _piecesEnd >= PieceLength && FindCut(text, _piecesEnd) is var cut and > 0)
        {
            // The run ends after a space (kept here, as the whole render keeps it between the words) or between two
            // characters of a script written without spaces.
            var run = text[_piecesEnd..cut];
            _pieces.Add(Inline(run) + (run.EndsWith(' ') ? " " : ""));
            _piecesEnd = cut;
        }

        if (_pieces.Count == 0)
        {
            return false; // nothing settled yet: the paragraph is rendered as a block of its own
        }

        Tail = Inline(text[_piecesEnd..]);
        return true;
    }

    /// <summary>Where the next run of the paragraph from <paramref name="start"/> may end: the last place at least
    /// <see cref="PieceLength"/> in where the run's emphasis, code and link marks are balanced (an even number of runs of
    /// each, and closed brackets) and the next character
    /// starts a word, so the run renders alone as it does inside the paragraph; 0 when there is none yet.</summary>
    private static int FindCut(string text, int start)
    {
        int stars = 0, underscores = 0, tildes = 0, backticks = 0, brackets = 0;
        var last = 0;
        var lastAny = 0;
        for (var i = start; i < text.Length - 1; i++)
        {
            // Marks are counted in runs ("**" opens once): a run that is not closed yet keeps the run open.
            var c = text[i];
            var newRun = i == start || text[i - 1] != c;
            switch (c)
            {
                case '*' when newRun: stars++; break;
                case '_' when newRun: underscores++; break;
                case '~' when newRun: tildes++; break;
                case '`' when newRun: backticks++; break;
                case '[': brackets++; break;
                case ']': brackets--; break;
            }

            var next = text[i + 1];
            var atWord = (c == ' ' && i > start && text[i - 1] != ' ' && text[i - 1] != '\\' && char.IsLetter(next))
                         || (IsUnspaced(c) && IsUnspaced(next));
            if (!atWord || i + 1 - start < PieceLength / 2)
            {
                continue;
            }

            lastAny = i + 1;
            if (stars % 2 == 0 && underscores % 2 == 0 && tildes % 2 == 0 && backticks % 2 == 0 && brackets == 0)
            {
                last = i + 1;
            }
        }

        return last > 0 ? last : lastAny - start >= ForcedPieceLength ? lastAny : 0;
    }

    /// <summary>Characters of scripts written without spaces between words (CJK ideographs, kana, hangul, fullwidth forms).</summary>
    private static bool IsUnspaced(char c) => c is >= '\u3040' and <= '\u30FF' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF'
        or >= '\uAC00' and <= '\uD7AF' or >= '\uFF01' and <= '\uFF5E' or >= '\u3001' and <= '\u3003';

    private bool IsParagraph(string markdown)
    {
        var document = Markdig.Markdown.Parse(markdown, renderer.Pipeline);
        return document.Count == 1 && document[0] is ParagraphBlock;
    }

    /// <summary>A one-line run of a paragraph as inline HTML (the paragraph's tags taken off).</summary>
    private string Inline(string run)
    {
        var html = renderer.ToHtml(run);
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>\n", StringComparison.Ordinal)
            ? html[3..^5]
            : System.Net.WebUtility.HtmlEncode(run);
    }

    /// <summary>The start of the last block that begins after a blank line, outside a code fence, with an unindented
    /// line (the line being written included), scanning whole lines from the last boundary (where no fence is open, by
    /// construction).</summary>
    private int FindBoundary(string text)
    {
        var boundary = _stableLength;
        var inFence = false;
        var blankBefore = false;
        var position = _stableLength;
        while (text.IndexOf('\n', position) is var end and >= 0)
        {
            var line = text.AsSpan(position, end - position);
            var trimmed = line.TrimStart(' ');
            var isFence = line.Length - trimmed.Length <= 3 && (trimmed.StartsWith("```") || trimmed.StartsWith("~~~"));
            if (!inFence && blankBefore && line.Length > 0 && !char.IsWhiteSpace(line[0]))
            {
                boundary = position;
            }

            inFence ^= isFence;
            blankBefore = line.IsWhiteSpace();
            position = end + 1;
        }

        // The line being written starts a block too once its first character is there (a paragraph after a blank line
        // cannot continue the one before it), so a long last paragraph does not keep the blocks before it in the tail.
        if (!inFence && blankBefore && position > boundary && position < text.Length && !char.IsWhiteSpace(text[position]))
        {
            boundary = position;
        }

        return boundary;
    }

    private void EndParagraph()
    {
        _pieces.Clear();
        _paragraphStart = -1;
        _piecesEnd = 0;
    }

    private void Reset()
    {
        _blocks.Clear();
        EndParagraph();
        _stableLength = 0;
        _rendered = "";
        Tail = "";
    }
}
