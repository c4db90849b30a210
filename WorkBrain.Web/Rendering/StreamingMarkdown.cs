namespace WorkBrain.Web.Rendering;

/// <summary>
/// Markdown of an answer that is still growing, rendered in pieces: the finished blocks (up to the last blank line
/// outside a code fence that is followed by an unindented line) are rendered once each and kept, and only the
/// unfinished tail is rendered again as tokens arrive. The page shows each piece as its own markup, so a render sends
/// the browser the changed tail instead of the whole answer again. A finished answer is rendered whole, as before.
/// </summary>
public sealed class StreamingMarkdown(MarkdownRenderer renderer)
{
    private readonly List<string> _blocks = [];
    private string _rendered = "";
    private int _stableLength;

    /// <summary>The HTML of the finished blocks, in order.</summary>
    public IReadOnlyList<string> Blocks => _blocks;

    /// <summary>The HTML of the text after the last finished block.</summary>
    public string Tail { get; private set; } = "";

    /// <summary>Brings the pieces up to <paramref name="text"/>, which normally only grows; any other change starts over.</summary>
    public void Update(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < _rendered.Length || !text.AsSpan().StartsWith(_rendered.AsSpan(0, _stableLength)))
        {
            Reset();
        }

        var boundary = FindBoundary(text);
        if (boundary > _stableLength)
        {
            _blocks.Add(renderer.ToHtml(text[_stableLength..boundary]));
            _stableLength = boundary;
        }

        Tail = renderer.ToHtml(text[_stableLength..]);
        _rendered = text;
    }

    /// <summary>The start of the last block that begins after a blank line, outside a code fence, with an unindented
    /// line, scanning whole lines from the last boundary (where no fence is open, by construction).</summary>
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

        return boundary;
    }

    private void Reset()
    {
        _blocks.Clear();
        _stableLength = 0;
        _rendered = "";
        Tail = "";
    }
}
