using Microsoft.Extensions.Options;
using SkiaSharp;
using WorkBrain.Core.Models;
using WorkBrain.Core.Vision;
using WorkBrain.Core.Vision.Imaging;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision;

/// <summary>Options and helpers shared by the vision tests; models come from WORKBRAIN_MODELS.</summary>
internal static class VisionTestServices
{
    public const string FontPath = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    public static IOptions<ModelsOptions> Models(string? directory = null) =>
        Options.Create(new ModelsOptions { Directory = directory ?? TestModels.RequireRealModel(".") });

    public static IOptions<VisionOptions> Vision(Action<VisionOptions>? configure = null)
    {
        var o = new VisionOptions();
        configure?.Invoke(o);
        return Options.Create(o);
    }

    public static ImageLoader Loader(Action<VisionOptions>? configure = null) => new(Vision(configure));

    /// <summary>Black text lines on white, each at (x, baseline y).</summary>
    public static SKBitmap RenderText(int width, int height, float size, params (string Text, float X, float Y)[] lines)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFile(FontPath) ?? throw new FileNotFoundException("fonts-wqy-zenhei is not installed.", FontPath);
        using var font = new SKFont(typeface, size);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        foreach (var (text, x, y) in lines)
        {
            canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
        }

        return bitmap;
    }

    public static string SavePng(SKBitmap bitmap, string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "workbrain-vision-tests", $"{Guid.NewGuid():N}-{name}");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }
}
