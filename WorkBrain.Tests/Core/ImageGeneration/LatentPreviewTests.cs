using SkiaSharp;
using WorkBrain.Core.ImageGeneration;

namespace WorkBrain.Tests.Core.ImageGeneration;

/// <summary>The latent-to-RGB preview: a bounded JPEG whose colours follow the latents.</summary>
public sealed class LatentPreviewTests
{
    private static float[] Latents(int width, int height, params float[] channels)
    {
        var plane = width * height;
        var latents = new float[4 * plane];
        for (var k = 0; k < 4; k++)
        {
            Array.Fill(latents, channels[k], k * plane, plane);
        }

        return latents;
    }

    [Theory]
    [InlineData(64, 64, 64, 64)]     // 512×512: the latent's own size
    [InlineData(12, 8, 12, 8)]
    [InlineData(256, 128, 85, 42)]   // 2048×1024: every third latent pixel, within MaxSide
    public void ToJpeg_SizeIsTheLatentsOrBounded(int width, int height, int expectedWidth, int expectedHeight)
    {
        using var bitmap = SKBitmap.Decode(LatentPreview.ToJpeg(Latents(width, height, 0, 0, 0, 0), width, height));

        Assert.Equal((expectedWidth, expectedHeight), (bitmap.Width, bitmap.Height));
        Assert.True(bitmap.Width <= LatentPreview.MaxSide && bitmap.Height <= LatentPreview.MaxSide);
    }

    [Fact]
    public void ToJpeg_ColoursFollowTheLinearApproximation()
    {
        using var grey = SKBitmap.Decode(LatentPreview.ToJpeg(Latents(16, 16, 0, 0, 0, 0), 16, 16));
        using var light = SKBitmap.Decode(LatentPreview.ToJpeg(Latents(16, 16, 1.5f, 1.5f, 0, 0), 16, 16));
        using var yellow = SKBitmap.Decode(LatentPreview.ToJpeg(Latents(16, 16, 0, 0, 0, 1.5f), 16, 16));

        var g = grey.GetPixel(8, 8);
        Assert.InRange(g.Red, 120, 136);
        Assert.InRange(g.Blue, 120, 136);
        Assert.True(light.GetPixel(8, 8).Green > 220, light.GetPixel(8, 8).ToString());
        var y = yellow.GetPixel(8, 8);
        Assert.True(y.Blue < 40 && y.Red > y.Blue + 50 && y.Green > y.Blue + 50, y.ToString()); // the fourth channel takes blue most
    }

    [Fact]
    public void ToJpeg_TooFewValues_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => LatentPreview.ToJpeg(new float[10], 8, 8));
    }
}
