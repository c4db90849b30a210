using SkiaSharp;
using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Tests.Core.Vision.Ocr;

public sealed class MinAreaRectTests
{
    [Fact]
    public void Compute_RotatedRectanglePoints_RecoversItsSides()
    {
        var angle = 30 * Math.PI / 180;
        var points = new List<SKPoint>();
        for (var u = 0; u <= 40; u += 2)
        {
            for (var v = 0; v <= 10; v += 2)
            {
                points.Add(new SKPoint((float)(100 + u * Math.Cos(angle) - v * Math.Sin(angle)), (float)(50 + u * Math.Sin(angle) + v * Math.Cos(angle))));
            }
        }

        var (_, w, h) = MinAreaRect.Compute(points);

        Assert.Equal(40, Math.Max(w, h), 1);
        Assert.Equal(10, Math.Min(w, h), 1);
    }

    [Fact]
    public void Expand_AxisAlignedRectangle_GrowsEverySide()
    {
        SKPoint[] rect = [new(10, 10), new(30, 10), new(30, 20), new(10, 20)];

        var grown = MinAreaRect.Expand(rect, 2);

        Assert.Equal(new SKPoint(8, 8), grown[0]);
        Assert.Equal(new SKPoint(32, 22), grown[2]);
    }
}
