using Microsoft.Extensions.Options;
using SkiaSharp;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Vision.Imaging;

/// <summary>Decodes images with SkiaSharp into upright RGBA bitmaps, rejecting huge or corrupt files with a clear message.</summary>
public sealed class ImageLoader(IOptions<VisionOptions> options)
{
    public SKBitmap Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new ExpertException($"The image {name} could not be found.");
        }

        var o = options.Value;
        var length = new FileInfo(path).Length;
        if (length > o.MaxImageBytes)
        {
            throw new ExpertException($"The image {name} is too large ({length / 1024.0 / 1024.0:F1} MB); the limit is {o.MaxImageBytes / 1024.0 / 1024.0:F1} MB.");
        }

        return Decode(File.ReadAllBytes(path), name);
    }

    public SKBitmap Decode(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data)
                          ?? throw new ExpertException($"The file {name} is not an image I can read (corrupt or unsupported format).");
        var info = codec.Info;
        var pixels = (long)info.Width * info.Height;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ExpertException($"The image {name} has no pixels.");
        }

        if (pixels > options.Value.MaxImagePixels)
        {
            throw new ExpertException($"The image {name} is too large ({info.Width}×{info.Height} pixels); the limit is {options.Value.MaxImagePixels:N0} pixels.");
        }

        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new ExpertException(result == SKCodecResult.IncompleteInput
                ? $"The image {name} is truncated or corrupt: only part of it could be decoded."
                : $"The image {name} is corrupt and could not be decoded ({result}).");
        }

        return Orient(bitmap, codec.EncodedOrigin);
    }

    /// <summary>Applies the EXIF orientation so that the returned bitmap is upright; disposes the input when it makes a new one.</summary>
    internal static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return bitmap;
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var rotated = new SKBitmap(new SKImageInfo(w, h, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.SetMatrix(OriginMatrix(origin, bitmap.Width, bitmap.Height));
            canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        bitmap.Dispose();
        return rotated;
    }

    /// <summary>The transform that maps stored pixels to display pixels for each EXIF orientation.</summary>
    internal static SKMatrix OriginMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
