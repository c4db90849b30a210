using SkiaSharp;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Turns the VAE's [1,3,H,W] output in [-1, 1] into PNG bytes.</summary>
internal static class PngWriter
{
    public static byte[] FromPlanar(ReadOnlySpan<float> chw, int width, int height)
    {
        var plane = width * height;
        if (chw.Length < 3 * plane)
        {
            throw new InvalidDataException($"The decoder returned {chw.Length} values; {3 * plane} were expected for {width}x{height}.");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        var rgba = new byte[plane * 4];
        for (var i = 0; i < plane; i++)
        {
            rgba[(i * 4) + 0] = ToByte(chw[i]);
            rgba[(i * 4) + 1] = ToByte(chw[plane + i]);
            rgba[(i * 4) + 2] = ToByte(chw[(2 * plane) + i]);
            rgba[(i * 4) + 3] = 255;
        }

        using var image = SKImage.FromPixelCopy(info, rgba, width * 4)
                          ?? throw new InvalidOperationException("SkiaSharp could not create the image.");
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static byte ToByte(float v)
    {
        var x = ((v / 2) + 0.5f) * 255f;
        return (byte)Math.Clamp(MathF.Round(x), 0, 255);
    }
}
