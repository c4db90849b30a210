using Microsoft.ML.OnnxRuntime;
using SkiaSharp;
using WorkBrain.Core.Vision.Imaging;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>PP-OCRv4 DB text detection: resize to multiples of 32 (longest side at most 960), ImageNet normalisation, probability map → boxes.</summary>
internal static class TextDetector
{
    public const int MaxSide = 960;
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public static List<TextBox> Detect(InferenceSession session, SKBitmap image)
    {
        var (w, h) = TargetSize(image.Width, image.Height);
        using var resized = ImageTensors.Resize(image, w, h);
        var input = new float[3 * w * h];
        ImageTensors.WriteChw(resized, input, 0, w, h, Mean, Std, 1f / 255f, bgr: true);
        var (map, shape) = OnnxSessions.RunSingle(session, input, [1, 3, h, w]);
        return DbPostProcessor.Extract(map, (int)shape[3], (int)shape[2], image.Width, image.Height);
    }

    internal static (int Width, int Height) TargetSize(int width, int height)
    {
        var ratio = Math.Max(width, height) > MaxSide ? (double)MaxSide / Math.Max(width, height) : 1.0;
        static int Round32(double v) => Math.Max(32, (int)Math.Round(v / 32) * 32);
        return (Round32(width * ratio), Round32(height * ratio));
    }
}
