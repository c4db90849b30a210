using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>Cuts a (possibly rotated) text box out of the image as an upright bitmap; tall boxes are turned to lie horizontally.</summary>
internal static class TextCropper
{
    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);

    public static SKBitmap Crop(SKBitmap image, TextBox box)
    {
        var w = Math.Max(1, (int)Math.Round(box.Width));
        var h = Math.Max(1, (int)Math.Round(box.Height));

        // Destination (u, v) → source: TopLeft + u·(TopRight−TopLeft)/w + v·(BottomLeft−TopLeft)/h; the canvas needs its inverse.
        var toSource = new SKMatrix(
            (box.TopRight.X - box.TopLeft.X) / w, (box.BottomLeft.X - box.TopLeft.X) / h, box.TopLeft.X,
            (box.TopRight.Y - box.TopLeft.Y) / w, (box.BottomLeft.Y - box.TopLeft.Y) / h, box.TopLeft.Y,
            0, 0, 1);
        if (!toSource.TryInvert(out var toDestination))
        {
            toDestination = SKMatrix.CreateTranslation(-box.Left, -box.Top);
        }

        var crop = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(crop))
        {
            canvas.Clear(SKColors.White);
            canvas.SetMatrix(toDestination);
            using var source = SKImage.FromBitmap(image);
            canvas.DrawImage(source, 0, 0, Sampling, null);
        }

        return h >= 1.5 * w ? Rotate(crop, counterClockwise: true) : crop;
    }

    /// <summary>Rotates by 90° (counter-clockwise when asked, else clockwise) or, with <paramref name="halfTurn"/>, by 180°; disposes the input.</summary>
    public static SKBitmap Rotate(SKBitmap bitmap, bool counterClockwise = false, bool halfTurn = false)
    {
        var (w, h) = halfTurn ? (bitmap.Width, bitmap.Height) : (bitmap.Height, bitmap.Width);
        var rotated = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.Clear(SKColors.White);
            if (halfTurn)
            {
                canvas.RotateDegrees(180, w / 2f, h / 2f);
            }
            else if (counterClockwise)
            {
                canvas.Translate(0, h);
                canvas.RotateDegrees(-90);
            }
            else
            {
                canvas.Translate(w, 0);
                canvas.RotateDegrees(90);
            }

            canvas.DrawBitmap(bitmap, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
        }

        bitmap.Dispose();
        return rotated;
    }
}
