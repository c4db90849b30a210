namespace WorkBrain.Core.Vision.Ocr;

/// <summary>One recognised piece of text and where it is.</summary>
public sealed record OcrRegion(string Text, float Score, TextBox Box);

/// <summary>The text of an image in reading order: lines top to bottom, regions left to right within a line.</summary>
public sealed record OcrResult(IReadOnlyList<IReadOnlyList<OcrRegion>> Lines)
{
    public static OcrResult Empty { get; } = new([]);

    public IEnumerable<string> LineTexts => Lines.Select(l => string.Join(" ", l.Select(r => r.Text)));

    public string Text => string.Join("\n", LineTexts);

    public bool IsEmpty => Lines.Count == 0;
}
