using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Turns a DB probability map into text boxes: threshold, 8-connected components, minimum-area rectangles,
/// scoring, unclipping by the DB ratio and scaling back to the image.</summary>
internal static class DbPostProcessor
{
    public const float Threshold = 0.3f;
    public const float BoxThreshold = 0.6f;
    public const float UnclipRatio = 1.5f;
    public const int MinSize = 3;
    public const int MaxCandidates = 1000;

    public static List<TextBox> Extract(ReadOnlySpan<float> map, int mapWidth, int mapHeight, int imageWidth, int imageHeight)
    {
        var boxes = new List<TextBox>();
        var visited = new bool[mapWidth * mapHeight];
        var queue = new Queue<int>();
        var pixels = new List<int>();
        for (var start = 0; start < map.Length && boxes.Count < MaxCandidates; start++)
        {
            if (visited[start] || map[start] <= Threshold)
            {
                continue;
            }

            pixels.Clear();
            visited[start] = true;
            queue.Enqueue(start);
            double sum = 0;
            while (queue.Count > 0)
            {
                var i = queue.Dequeue();
                pixels.Add(i);
                sum += map[i];
                int x = i % mapWidth, y = i / mapWidth;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if ((dx | dy) == 0 || nx < 0 || ny < 0 || nx >= mapWidth || ny >= mapHeight)
                        {
                            continue;
                        }

                        var n = ny * mapWidth + nx;
                        if (!visited[n] && map[n] > Threshold)
                        {
                            visited[n] = true;
                            queue.Enqueue(n);
                        }
                    }
                }
            }

            var box = ToBox(pixels, (float)(sum / pixels.Count), mapWidth, mapHeight, imageWidth, imageHeight);
            if (box is not null)
            {
                boxes.Add(box);
            }
        }

        return boxes;
    }

    private static TextBox? ToBox(List<int> pixels, float score, int mapWidth, int mapHeight, int imageWidth, int imageHeight)
    {
        if (pixels.Count < MinSize || score < BoxThreshold)
        {
            return null;
        }

        var (corners, w, h) = MinAreaRect.Compute(RowExtremes(pixels, mapWidth));
        if (Math.Min(w, h) < MinSize)
        {
            return null;
        }

        var distance = w * h * UnclipRatio / (2 * (w + h));
        var expanded = MinAreaRect.Expand(corners, distance);
        if (Math.Min(w, h) + 2 * distance < MinSize + 2)
        {
            return null;
        }

        var sx = (float)imageWidth / mapWidth;
        var sy = (float)imageHeight / mapHeight;
        var scaled = expanded
            .Select(p => new SKPoint(Math.Clamp(p.X * sx, 0, imageWidth), Math.Clamp(p.Y * sy, 0, imageHeight)))
            .ToArray();
        var result = TextBox.FromCorners(scaled, score);
        return result.Width < 1 || result.Height < 1 ? null : result;
    }

    /// <summary>The leftmost and rightmost pixel of each row: enough for the convex hull.</summary>
    private static List<SKPoint> RowExtremes(List<int> pixels, int mapWidth)
    {
        var rows = new Dictionary<int, (int Min, int Max)>();
        foreach (var i in pixels)
        {
            int x = i % mapWidth, y = i / mapWidth;
            rows[y] = rows.TryGetValue(y, out var r) ? (Math.Min(r.Min, x), Math.Max(r.Max, x)) : (x, x);
        }

        var points = new List<SKPoint>(rows.Count * 2);
        foreach (var (y, (min, max)) in rows)
        {
            points.Add(new SKPoint(min, y));
            points.Add(new SKPoint(max, y));
        }

        return points;
    }
}
