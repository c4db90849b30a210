using SkiaSharp;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>
/// A cheap look at an unfinished image: each latent pixel's four channels mapped to RGB by the usual linear
/// approximation of Stable Diffusion 1.x/2.x's VAE (a 4×3 matrix and a bias, no decoder run), at the latent's own size
/// (one eighth of the image's) or smaller, encoded as a small JPEG.
/// </summary>
public static class LatentPreview
{
    /// <summary>The longest side of a preview, in pixels.</summary>
    public const int MaxSide = 96;

    // Row per latent channel, columns R, G, B: what each channel adds to the colour in [-1, 1].
    private static readonly float[,] Factors =
    {
        { 0.3512f, 0.2297f, 0.3227f },
        { 0.3250f, 0.4974f, 0.2350f },
        { -0.2829f, 0.1762f, 0.2721f },
        { -0.2120f, -0.2616f, -0.7177f },
    };

    private static readonly float[] Bias = [0f, 0f, 0f];

    /// <summary>The preview's size for a latent of <paramref name="height"/>×<paramref name="width"/>.</summary>
    public static (int Width, int Height) SizeFor(int width, int height)
    {
        var stride = Stride(width, height);
        return (Math.Max(1, width / stride), Math.Max(1, height / stride));
    }

    /// <summary>JPEG bytes of the latents [1, 4, <paramref name="height"/>, <paramref name="width"/>].</summary>
    public static byte[] ToJpeg(ReadOnlySpan<float> latents, int width, int height, int quality = 70)
    {
        var plane = width * height;
        if (latents.Length < 4 * plane)
        {
            throw new ArgumentException($"{latents.Length} latent values are fewer than 4×{width}×{height}.", nameof(latents));
        }

        var stride = Stride(width, height);
        var (w, h) = SizeFor(width, height);
        var rgba = new byte[w * h * 4];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var at = (y * stride * width) + (x * stride);
                var o = ((y * w) + x) * 4;
                for (var c = 0; c < 3; c++)
                {
                    var v = Bias[c];
                    for (var k = 0; k < 4; k++)
                    {
                        v += latents[(k * plane) + at] * Factors[k, c];
                    }

                    rgba[o + c] = (byte)Math.Clamp((int)MathF.Round((v + 1) * 127.5f), 0, 255);
                }

                rgba[o + 3] = 255;
            }
        }

        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var image = SKImage.FromPixelCopy(info, rgba, w * 4)
                          ?? throw new InvalidOperationException("SkiaSharp could not create the preview.");
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    private static int Stride(int width, int height) => Math.Max(1, (Math.Max(width, height) + MaxSide - 1) / MaxSide);
}
