using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SkiaSharp;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Vision.Classification;
using WorkBrain.Core.Vision.Imaging;
using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Core.Vision;

/// <summary>Runs the local vision models (OCR and classification) over an image file or a decoded frame.</summary>
public sealed partial class ImageAnalyzer(
    ImageLoader loader, OcrModels ocrModels, ClassifierModel classifierModel, IOptions<VisionOptions> options, ILogger<ImageAnalyzer> logger)
{
    private readonly OcrEngine _ocr = new(ocrModels);
    private readonly ImageClassifier _classifier = new(classifierModel);

    /// <summary>The model files that are missing; empty when both models can run.</summary>
    public IReadOnlyList<string> MissingFiles() =>
        ocrModels.MissingFiles().Select(f => $"{options.Value.OcrDirectory}/{f}")
            .Concat(classifierModel.MissingFiles().Select(f => $"{options.Value.ClassifierDirectory}/{f}"))
            .ToList();

    public Task<ImageAnalysis> AnalyzeFileAsync(string path, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return Task.Run(() =>
        {
            using var bitmap = loader.Load(path);
            return Analyze(bitmap, displayName ?? Path.GetFileName(path), cancellationToken);
        }, cancellationToken);
    }

    public ImageAnalysis Analyze(SKBitmap bitmap, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        var missing = MissingFiles();
        if (missing.Count > 0)
        {
            throw new ExpertException($"The image models are not downloaded: {string.Join(", ", missing)} missing. Pull \"pp-ocrv4\" and \"squeezenet\".");
        }

        var started = Stopwatch.GetTimestamp();
        var labels = _classifier.Classify(bitmap, options.Value.TopLabels);
        cancellationToken.ThrowIfCancellationRequested();
        var text = _ocr.Read(bitmap, cancellationToken);
        LogAnalyzed(name, bitmap.Width, bitmap.Height, text.Lines.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return new ImageAnalysis(name, bitmap.Width, bitmap.Height, labels, text);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Analysed {Name} ({Width}x{Height}): {Lines} text lines in {Milliseconds:F0} ms")]
    private partial void LogAnalyzed(string name, int width, int height, int lines, double milliseconds);
}
