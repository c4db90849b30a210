using SkiaSharp;
using WorkBrain.Core.Experts;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision.Imaging;

public sealed class ImageLoaderTests
{
    [Fact]
    public void Load_SharedPhoto_DecodesItsPixels()
    {
        using var bitmap = VisionTestServices.Loader().Load(TestModels.SharedMedia("cat.jpg"));

        Assert.True(bitmap.Width > 0 && bitmap.Height > 0);
    }

    [Fact]
    public void Load_CorruptFile_ThrowsClearMessage()
    {
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-broken.jpg");
        File.WriteAllBytes(path, [0xFF, 0xD8, 0xFF, 0x00, 0x13, 0x37, 0x42]);

        var ex = Assert.Throws<ExpertException>(() => VisionTestServices.Loader().Load(path));

        Assert.Contains("broken.jpg", ex.Message);
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public void Load_TruncatedJpeg_ThrowsClearMessage()
    {
        var bytes = File.ReadAllBytes(TestModels.SharedMedia("cat.jpg"));
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-half.jpg");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<ExpertException>(() => VisionTestServices.Loader().Load(path));

        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void Load_TooManyPixels_ThrowsWithTheLimit()
    {
        using var bitmap = new SKBitmap(300, 200);
        var path = VisionTestServices.SavePng(bitmap, "big.png");

        var ex = Assert.Throws<ExpertException>(() => VisionTestServices.Loader(o => o.MaxImagePixels = 10_000).Load(path));

        Assert.Contains("300×200", ex.Message);
    }

    [Fact]
    public void Load_TooManyBytes_ThrowsBeforeDecoding()
    {
        var ex = Assert.Throws<ExpertException>(() =>
            VisionTestServices.Loader(o => o.MaxImageBytes = 100).Load(TestModels.SharedMedia("dog.jpg")));

        Assert.Contains("too large", ex.Message);
    }

    [Theory]
    [InlineData(6, 20, 40, 10, 5, 10, 35)] // rotate 90° clockwise: the left half goes to the top
    [InlineData(8, 20, 40, 10, 35, 10, 5)] // rotate 90° counter-clockwise: the left half goes to the bottom
    [InlineData(3, 40, 20, 35, 10, 5, 10)] // rotate 180°: the left half goes to the right
    public void Load_ExifOrientation_IsApplied(ushort orientation, int width, int height, int redX, int redY, int blueX, int blueY)
    {
        // Stored 40×20: left half red, right half blue.
        using var stored = new SKBitmap(new SKImageInfo(40, 20, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(stored))
        {
            using var redPaint = new SKPaint { Color = SKColors.Red };
            using var bluePaint = new SKPaint { Color = SKColors.Blue };
            canvas.DrawRect(0, 0, 20, 20, redPaint);
            canvas.DrawRect(20, 0, 20, 20, bluePaint);
        }

        using var data = stored.Encode(SKEncodedImageFormat.Jpeg, 95);
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-exif.jpg");
        File.WriteAllBytes(path, WithExifOrientation(data.ToArray(), orientation));

        using var loaded = VisionTestServices.Loader().Load(path);

        Assert.Equal((width, height), (loaded.Width, loaded.Height));
        var red = loaded.GetPixel(redX, redY);
        var blue = loaded.GetPixel(blueX, blueY);
        Assert.True(red.Red > 200 && red.Blue < 60, $"expected red at ({redX},{redY}), got {red}");
        Assert.True(blue.Blue > 200 && blue.Red < 60, $"expected blue at ({blueX},{blueY}), got {blue}");
    }

    /// <summary>Inserts an APP1 EXIF segment holding only the orientation tag right after the JPEG's SOI marker.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian header, IFD at offset 8
            0, 1, // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, (byte)(orientation >> 8), (byte)orientation, 0, 0, // Orientation, SHORT, 1 value
            0, 0, 0, 0, // no next IFD
        ];
        byte[] header = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var length = 2 + header.Length + tiff.Length;
        var segment = new byte[] { 0xFF, 0xE1, (byte)(length >> 8), (byte)length }.Concat(header).Concat(tiff);
        return jpeg.Take(2).Concat(segment).Concat(jpeg.Skip(2)).ToArray();
    }
}
