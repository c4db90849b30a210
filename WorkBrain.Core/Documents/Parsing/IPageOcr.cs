namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Reads the text of a scanned page image (PNG or JPEG bytes). Registered by the OCR expert when it is available;
/// without one, scanned PDF pages are reported as having no text layer.</summary>
public interface IPageOcr
{
    /// <summary>False while the OCR model is not downloaded or not loaded.</summary>
    bool IsAvailable { get; }

    Task<string> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken cancellationToken = default);
}
