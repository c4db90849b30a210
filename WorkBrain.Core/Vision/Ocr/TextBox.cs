using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>A detected text region: four corners clockwise from the top-left, in image pixels.</summary>
public sealed record TextBox(SKPoint TopLeft, SKPoint TopRight, SKPoint BottomRight, SKPoint BottomLeft, float Score)
{
    public float Width => Math.Max(SKPoint.Distance(TopLeft, TopRight), SKPoint.Distance(BottomLeft, BottomRight));

    public float Height => Math.Max(SKPoint.Distance(TopLeft, BottomLeft), SKPoint.Distance(TopRight, BottomRight));

    public float Top => Math.Min(Math.Min(TopLeft.Y, TopRight.Y), Math.Min(BottomLeft.Y, BottomRight.Y));

    public float Bottom => Math.Max(Math.Max(TopLeft.Y, TopRight.Y), Math.Max(BottomLeft.Y, BottomRight.Y));

    public float Left => Math.Min(Math.Min(TopLeft.X, TopRight.X), Math.Min(BottomLeft.X, BottomRight.X));

    public float CenterY => (Top + Bottom) / 2;

    /// <summary>Orders four arbitrary corners as top-left, top-right, bottom-right, bottom-left.</summary>
    public static TextBox FromCorners(IReadOnlyList<SKPoint> corners, float score)
    {
        ArgumentNullException.ThrowIfNull(corners);
        if (corners.Count != 4)
        {
            throw new ArgumentException("A text box has four corners.", nameof(corners));
        }

        var byX = corners.OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        var (tl, bl) = byX[0].Y <= byX[1].Y ? (byX[0], byX[1]) : (byX[1], byX[0]);
        var (tr, br) = byX[2].Y <= byX[3].Y ? (byX[2], byX[3]) : (byX[3], byX[2]);
        return new TextBox(tl, tr, br, bl, score);
    }
}
