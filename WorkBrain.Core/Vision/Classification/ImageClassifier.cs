using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;
using WorkBrain.Core.Vision.Imaging;

namespace WorkBrain.Core.Vision.Classification;

/// <summary>SqueezeNet ImageNet classification: 224×224 centre crop, BGR 0–255 minus the channel means, float16 in and out.</summary>
public sealed class ImageClassifier(ClassifierModel model)
{
    public const int Size = 224;
    private const string InputName = "data_0";
    private static readonly float[] MeanBgr = [104f, 117f, 123f];
    private static readonly float[] One = [1f, 1f, 1f];

    public IReadOnlyList<ImageLabel> Classify(SKBitmap image, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var (session, labels) = model.Get();
        var input = new float[3 * Size * Size];
        using (var crop = CenterCrop(image))
        {
            ImageTensors.WriteChw(crop, input, 0, Size, Size, MeanBgr, One, 1f, bgr: true);
        }

        var halves = new Float16[input.Length];
        var bits = MemoryMarshal.Cast<Float16, ushort>(halves.AsSpan());
        for (var i = 0; i < input.Length; i++)
        {
            bits[i] = BitConverter.HalfToUInt16Bits((Half)input[i]);
        }

        using var value = OrtValue.CreateTensorValueFromMemory(halves, [1, 3, Size, Size]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [InputName], [value], [session.OutputNames[0]]);
        var scores = MemoryMarshal.Cast<Float16, Half>(outputs[0].GetTensorDataAsSpan<Float16>());
        var probabilities = new float[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            probabilities[i] = (float)scores[i];
        }

        return probabilities
            .Select((p, i) => new ImageLabel(i, i < labels.Length ? labels[i] : $"class {i}", p))
            .OrderByDescending(l => l.Probability)
            .Take(top)
            .ToList();
    }

    /// <summary>Scales the shorter side to 224 and keeps the centre square.</summary>
    private static SKBitmap CenterCrop(SKBitmap image)
    {
        var scale = (double)Size / Math.Min(image.Width, image.Height);
        var w = Math.Max(Size, (int)Math.Round(image.Width * scale));
        var h = Math.Max(Size, (int)Math.Round(image.Height * scale));
        using var resized = ImageTensors.Resize(image, w, h);
        var crop = new SKBitmap(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        resized.ExtractSubset(crop, SKRectI.Create((w - Size) / 2, (h - Size) / 2, Size, Size));
        return crop.Copy();
    }
}
