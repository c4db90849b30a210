using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>PP-OCRv4 recognition: crops batched by aspect ratio, CTC greedy decoding.</summary>
internal static class TextRecognizer
{
    public const int BatchSize = 6;
    public const int BaseWidth = 320;
    public const int MaxWidth = 3200;

    public static (string Text, float Score)[] Recognize(InferenceSession session, IReadOnlyList<SKBitmap> crops, IReadOnlyList<string> alphabet)
    {
        var results = new (string, float)[crops.Count];
        var order = Enumerable.Range(0, crops.Count).OrderBy(i => (double)crops[i].Width / crops[i].Height).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var indices = order.Skip(start).Take(BatchSize).ToArray();
            var batch = indices.Select(i => crops[i]).ToList();
            var maxRatio = Math.Max((double)BaseWidth / TextLineTensor.Height, batch.Max(c => (double)c.Width / c.Height));
            var width = Math.Min(MaxWidth, (int)Math.Ceiling(TextLineTensor.Height * maxRatio));
            var input = TextLineTensor.Build(batch, width);
            var (probabilities, shape) = OnnxSessions.RunSingle(session, input, [batch.Count, 3, TextLineTensor.Height, width]);
            var steps = (int)shape[1];
            var classes = (int)shape[2];
            for (var b = 0; b < batch.Count; b++)
            {
                results[indices[b]] = CtcDecoder.Decode(probabilities.AsSpan(b * steps * classes, steps * classes), steps, classes, alphabet);
            }
        }

        return results;
    }
}
