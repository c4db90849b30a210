namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Groups regions into lines (vertical overlap of at least half the smaller height) and orders them top-to-bottom, left-to-right.</summary>
internal static class ReadingOrder
{
    public static OcrResult Arrange(IEnumerable<OcrRegion> regions)
    {
        var lines = new List<(float Top, float Bottom, List<OcrRegion> Regions)>();
        foreach (var region in regions.OrderBy(r => r.Box.CenterY))
        {
            var box = region.Box;
            var joined = false;
            for (var i = lines.Count - 1; i >= 0 && !joined; i--)
            {
                var (top, bottom, members) = lines[i];
                var overlap = Math.Min(bottom, box.Bottom) - Math.Max(top, box.Top);
                var smaller = Math.Min(bottom - top, box.Bottom - box.Top);
                if (overlap > 0.5f * smaller)
                {
                    members.Add(region);
                    lines[i] = (Math.Min(top, box.Top), Math.Max(bottom, box.Bottom), members);
                    joined = true;
                }
            }

            if (!joined)
            {
                lines.Add((box.Top, box.Bottom, [region]));
            }
        }

        return new OcrResult(lines
            .OrderBy(l => (l.Top + l.Bottom) / 2)
            .Select(l => (IReadOnlyList<OcrRegion>)l.Regions.OrderBy(r => r.Box.Left).ToList())
            .ToList());
    }
}
