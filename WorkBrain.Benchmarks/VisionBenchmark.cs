using System.Diagnostics;
using Microsoft.Extensions.Options;
using SkiaSharp;
using WorkBrain.Core.Models;
using WorkBrain.Core.Vision;
using WorkBrain.Core.Vision.Classification;
using WorkBrain.Core.Vision.Imaging;
using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Benchmarks;

/// <summary>OCR and classification latency per image on the real models (WORKBRAIN_MODELS) and the shared photos,
/// plus a rendered text page. Argument: iterations per image (default 10).</summary>
internal sealed class VisionBenchmark : IBenchmark
{
    private const string Font = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    public string Name => "vision";

    public string Description => "PP-OCRv4 and SqueezeNet latency per image (CPU, p50/p90)";

    public Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var iterations = args.Count > 0 && int.TryParse(args[0], out var n) ? n : 10;
        var modelsOptions = Options.Create(new ModelsOptions());
        var visionOptions = Options.Create(new VisionOptions());
        var modelsDir = modelsOptions.Value.ResolveDirectory();
        output.WriteLine($"models: {modelsDir}, iterations per image: {iterations}, processors: {Environment.ProcessorCount}");

        using var ocrModels = new OcrModels(modelsOptions, visionOptions);
        using var classifierModel = new ClassifierModel(modelsOptions, visionOptions);
        if (ocrModels.MissingFiles().Count > 0 || classifierModel.MissingFiles().Count > 0)
        {
            output.WriteLine("Models missing: set WORKBRAIN_MODELS to the folder holding ocr/ and image-classification/.");
            return Task.CompletedTask;
        }

        var ocr = new OcrEngine(ocrModels);
        var classifier = new ImageClassifier(classifierModel);
        var loader = new ImageLoader(visionOptions);

        var sw = Stopwatch.StartNew();
        using (var warm = new SKBitmap(64, 64))
        {
            ocr.Read(warm, cancellationToken);
            classifier.Classify(warm);
        }

        output.WriteLine($"model load + first run: {sw.Elapsed.TotalMilliseconds:F0} ms");
        output.WriteLine($"{"image",-22} {"size",-10} {"lines",5} {"OCR p50",9} {"OCR p90",9} {"cls p50",9} {"cls p90",9}  top label");
        foreach (var (name, bitmap) in Images(modelsDir, loader))
        {
            using (bitmap)
            {
                var lines = ocr.Read(bitmap, cancellationToken).Lines.Count;
                var ocrTimes = Measure(iterations, () => ocr.Read(bitmap, cancellationToken));
                var top = classifier.Classify(bitmap, 1)[0];
                var clsTimes = Measure(iterations, () => classifier.Classify(bitmap, 1));
                output.WriteLine(
                    $"{name,-22} {bitmap.Width + "x" + bitmap.Height,-10} {lines,5} {Percentile(ocrTimes, 0.5),7:F1}ms {Percentile(ocrTimes, 0.9),7:F1}ms " +
                    $"{Percentile(clsTimes, 0.5),7:F1}ms {Percentile(clsTimes, 0.9),7:F1}ms  {top.Name} ({top.Probability:P0})");
            }
        }

        using var page = RenderPage();
        var loaded = ocrModels.Get();
        var boxes = new List<TextBox>();
        var det = Measure(iterations, () => boxes = TextDetector.Detect(loaded.Detection, page));
        var crops = boxes.Select(b => TextCropper.Crop(page, b)).ToList();
        var cls = Measure(iterations, () => TextAngleClassifier.Correct(loaded.Classifier, crops.Select(c => c.Copy()).ToList()));
        var rec = Measure(iterations, () => TextRecognizer.Recognize(loaded.Recognition, crops, loaded.Alphabet));
        output.WriteLine($"rendered page stages (p50): detection {Percentile(det, 0.5):F1} ms, orientation {Percentile(cls, 0.5):F1} ms, recognition of {crops.Count} lines {Percentile(rec, 0.5):F1} ms");
        crops.ForEach(c => c.Dispose());
        return Task.CompletedTask;
    }

    private static IEnumerable<(string Name, SKBitmap Bitmap)> Images(string modelsDir, ImageLoader loader)
    {
        var media = Path.Combine(modelsDir, "..", "media");
        foreach (var file in new[] { "cat.jpg", "dog.jpg", "fish.png" })
        {
            var path = Path.Combine(media, file);
            if (File.Exists(path))
            {
                yield return (file, loader.Load(path));
            }
        }

        yield return ("rendered page (12 ln)", RenderPage());
    }

    /// <summary>A 1000×800 page with 12 lines of mixed Chinese and English text.</summary>
    private static SKBitmap RenderPage()
    {
        var bitmap = new SKBitmap(new SKImageInfo(1000, 800, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var typeface = SKTypeface.FromFile(Font) ?? SKTypeface.Default;
        using var font = new SKFont(typeface, 36);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        for (var i = 0; i < 12; i++)
        {
            var text = i % 2 == 0 ? $"第{i + 1}行：今天的会议在三楼召开" : $"Line {i + 1}: the meeting starts at 9:30";
            canvas.DrawText(text, 40, 60 + i * 62, SKTextAlign.Left, font, paint);
        }

        return bitmap;
    }

    private static List<double> Measure(int iterations, Action action)
    {
        var times = new List<double>(iterations);
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
