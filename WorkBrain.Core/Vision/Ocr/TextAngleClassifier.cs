using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>The PaddleOCR orientation classifier: turns crops that read upside down by 180°.</summary>
internal static class TextAngleClassifier
{
    public const int Width = 192;
    public const int BatchSize = 6;
    public const float FlipThreshold = 0.9f;

    /// <summary>Replaces upside-down crops in place with their 180° rotation.</summary>
    public static void Correct(InferenceSession session, List<SKBitmap> crops)
    {
        for (var start = 0; start < crops.Count; start += BatchSize)
        {
            var batch = crops.Skip(start).Take(BatchSize).ToList();
            var input = TextLineTensor.Build(batch, Width);
            var (scores, _) = OnnxSessions.RunSingle(session, input, [batch.Count, 3, TextLineTensor.Height, Width]);
            for (var i = 0; i < batch.Count; i++)
            {
                if (scores[i * 2 + 1] > scores[i * 2] && scores[i * 2 + 1] > FlipThreshold)
                {
                    crops[start + i] = TextCropper.Rotate(crops[start + i], halfTurn: true);
                }
            }
        }
    }
}
