using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Convex hull (monotone chain) and the minimum-area enclosing rectangle (rotating edges).</summary>
internal static class MinAreaRect
{
    public static List<SKPoint> ConvexHull(IReadOnlyList<SKPoint> points)
    {
        var sorted = points.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (sorted.Count < 3)
        {
            return sorted;
        }

        var hull = new SKPoint[sorted.Count * 2];
        var k = 0;
        foreach (var p in sorted)
        {
            while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p) <= 0)
            {
                k--;
            }

            hull[k++] = p;
        }

        for (int i = sorted.Count - 2, lower = k + 1; i >= 0; i--)
        {
            var p = sorted[i];
            while (k >= lower && Cross(hull[k - 2], hull[k - 1], p) <= 0)
            {
                k--;
            }

            hull[k++] = p;
        }

        return hull.Take(k - 1).ToList();
    }

    /// <summary>The four corners of the smallest rectangle holding all points, with its side lengths.</summary>
    public static (SKPoint[] Corners, float Width, float Height) Compute(IReadOnlyList<SKPoint> points)
    {
        var hull = ConvexHull(points);
        if (hull.Count == 0)
        {
            return ([], 0, 0);
        }

        if (hull.Count < 3)
        {
            var a = hull[0];
            var b = hull[^1];
            return ([a, b, b, a], SKPoint.Distance(a, b), 0);
        }

        var bestArea = double.MaxValue;
        SKPoint[] best = [];
        float bestW = 0, bestH = 0;
        for (var i = 0; i < hull.Count; i++)
        {
            var p0 = hull[i];
            var p1 = hull[(i + 1) % hull.Count];
            var len = SKPoint.Distance(p0, p1);
            if (len <= 0)
            {
                continue;
            }

            var ux = (p1.X - p0.X) / len;
            var uy = (p1.Y - p0.Y) / len;
            float minU = float.MaxValue, maxU = float.MinValue, minV = float.MaxValue, maxV = float.MinValue;
            foreach (var p in hull)
            {
                var u = (p.X - p0.X) * ux + (p.Y - p0.Y) * uy;
                var v = -(p.X - p0.X) * uy + (p.Y - p0.Y) * ux;
                minU = Math.Min(minU, u);
                maxU = Math.Max(maxU, u);
                minV = Math.Min(minV, v);
                maxV = Math.Max(maxV, v);
            }

            var area = (double)(maxU - minU) * (maxV - minV);
            if (area < bestArea)
            {
                bestArea = area;
                bestW = maxU - minU;
                bestH = maxV - minV;
                SKPoint At(float u, float v) => new(p0.X + u * ux - v * uy, p0.Y + u * uy + v * ux);
                best = [At(minU, minV), At(maxU, minV), At(maxU, maxV), At(minU, maxV)];
            }
        }

        return (best, bestW, bestH);
    }

    /// <summary>Grows a rectangle outward by <paramref name="distance"/> on every side.</summary>
    public static SKPoint[] Expand(SKPoint[] corners, float distance)
    {
        var cx = corners.Average(p => p.X);
        var cy = corners.Average(p => p.Y);
        var e1 = Normalize(corners[1] - corners[0]);
        var e2 = Normalize(corners[3] - corners[0]);
        return corners.Select(p =>
        {
            var d = new SKPoint(p.X - cx, p.Y - cy);
            var s1 = Math.Sign(d.X * e1.X + d.Y * e1.Y);
            var s2 = Math.Sign(d.X * e2.X + d.Y * e2.Y);
            return new SKPoint(p.X + (s1 * e1.X + s2 * e2.X) * distance, p.Y + (s1 * e1.Y + s2 * e2.Y) * distance);
        }).ToArray();
    }

    private static SKPoint Normalize(SKPoint v)
    {
        var len = v.Length;
        return len <= 0 ? new SKPoint(0, 0) : new SKPoint(v.X / len, v.Y / len);
    }

    private static float Cross(SKPoint o, SKPoint a, SKPoint b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
}
