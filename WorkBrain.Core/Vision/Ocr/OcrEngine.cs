using SkiaSharp;

namespace WorkBrain.Core.Vision.Ocr;

/// <summary>The PP-OCRv4 pipeline: detection → crop/rotate → orientation → recognition → reading order.</summary>
public sealed class OcrEngine(OcrModels models)
{
    /// <summary>Recognitions below this confidence are dropped, as PaddleOCR does.</summary>
    public const float DropScore = 0.5f;

    public OcrResult Read(SKBitmap image, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var loaded = models.Get();
        var boxes = TextDetector.Detect(loaded.Detection, image);
        if (boxes.Count == 0)
        {
            return OcrResult.Empty;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var crops = boxes.Select(b => TextCropper.Crop(image, b)).ToList();
        try
        {
            TextAngleClassifier.Correct(loaded.Classifier, crops);
            cancellationToken.ThrowIfCancellationRequested();
            var texts = TextRecognizer.Recognize(loaded.Recognition, crops, loaded.Alphabet);
            var regions = boxes
                .Select((box, i) => new OcrRegion(texts[i].Text.Trim(), texts[i].Score, box))
                .Where(r => r.Score >= DropScore && r.Text.Length > 0);
            return ReadingOrder.Arrange(regions);
        }
        finally
        {
            foreach (var crop in crops)
            {
                crop.Dispose();
            }
        }
    }
}
