using SkiaSharp;
using WorkBrain.Core.Vision.Imaging;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Packs text-line crops into a [N, 3, 48, W] batch: height 48, width by aspect ratio (capped), (v/255 − 0.5)/0.5, zero padding.</summary>
internal static class TextLineTensor
{
    public const int Height = 48;
    private static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    public static float[] Build(IReadOnlyList<SKBitmap> crops, int width)
    {
        var plane = 3 * Height * width;
        var tensor = new float[crops.Count * plane];
        for (var i = 0; i < crops.Count; i++)
        {
            var crop = crops[i];
            var resizedWidth = Math.Clamp((int)Math.Ceiling(Height * (double)crop.Width / crop.Height), 1, width);
            using var resized = ImageTensors.Resize(crop, resizedWidth, Height);
            ImageTensors.WriteChw(resized, tensor, i * plane, width, Height, Half, Half, 1f / 255f, bgr: true);
        }

        return tensor;
    }
}
