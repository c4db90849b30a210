using SkiaSharp;

namespace WorkBrain.Core.Vision.Imaging;

/// <summary>Resizing and conversion of bitmaps to planar (CHW) float tensors.</summary>
internal static class ImageTensors
{
    private static readonly SKSamplingOptions Linear = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>A resized copy as RGBA8888 (unpremultiplied alpha ignored: images are composited on white).</summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, source.Width, source.Height), new SKRect(0, 0, width, height), Linear, null);
        return target;
    }

    /// <summary>Writes the bitmap into <paramref name="tensor"/> (layout [3, tensorHeight, tensorWidth] at <paramref name="offset"/>)
    /// as (pixel * scale - mean[c]) / std[c]; channel order RGB or BGR. Pixels beyond the bitmap are left untouched.</summary>
    public static void WriteChw(
        SKBitmap bitmap, Span<float> tensor, int offset, int tensorWidth, int tensorHeight,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std, float scale, bool bgr)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.ColorType != SKColorType.Rgba8888)
        {
            throw new ArgumentException("Expected an RGBA8888 bitmap.", nameof(bitmap));
        }

        var plane = tensorWidth * tensorHeight;
        var w = Math.Min(bitmap.Width, tensorWidth);
        var h = Math.Min(bitmap.Height, tensorHeight);
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        for (var c = 0; c < 3; c++)
        {
            var source = bgr ? 2 - c : c;
            var m = mean[c];
            var inv = 1f / std[c];
            var basePos = offset + c * plane;
            for (var y = 0; y < h; y++)
            {
                var row = y * rowBytes;
                var dst = basePos + y * tensorWidth;
                for (var x = 0; x < w; x++)
                {
                    tensor[dst + x] = (pixels[row + x * 4 + source] * scale - m) * inv;
                }
            }
        }
    }
}
