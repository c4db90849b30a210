using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.Exceptions;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>PDF through PdfPig: one section per page ("page N"). A page with no text layer but an image goes to
/// <see cref="IPageOcr"/> when one is registered and available; otherwise it is reported in the warnings.</summary>
internal sealed class PdfParser(IPageOcr? ocr = null) : IDocumentFormatParser
{
    public bool CanParse(DocumentType format) => format == DocumentType.Pdf;

    public async Task<ParsedDocument> ParseAsync(byte[] content, DocumentType format, ParseLimits limits, CancellationToken cancellationToken)
    {
        var sections = new List<TextSection>();
        var warnings = new List<string>();
        using var document = Open(content);
        var pageCount = document.NumberOfPages;
        ParseLimits.Check(pageCount, limits.MaxPdfPages, "pages");
        var budget = limits.NewBudget();
        var ocrPages = 0;
        for (var number = 1; number <= pageCount; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (text, image) = ReadPage(document, number, limits.MaxImagePixels);
            if (text.Length == 0 && image is not null)
            {
                if (ocr is not { IsAvailable: true })
                {
                    warnings.Add($"page {number} has no text layer (OCR not available)");
                }
                else if (++ocrPages > limits.MaxOcrPages)
                {
                    warnings.Add($"page {number} has no text layer (only the first {limits.MaxOcrPages} scanned pages are read)");
                }
                else
                {
                    text = (await ocr.RecognizeAsync(image, cancellationToken)).Trim();
                }
            }

            budget.Take(text.Length);
            if (text.Length > 0)
            {
                sections.Add(new TextSection($"page {number}", text));
            }
        }

        return new ParsedDocument(DocumentType.Pdf, sections, pageCount, warnings);
    }

    private static PdfDocument Open(byte[] content)
    {
        try
        {
            return PdfDocument.Open(content);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentException("The PDF is encrypted (password-protected); remove the password and upload it again.", ex);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException or DocumentException))
        {
            throw new DocumentException($"The PDF is damaged and cannot be read: {ex.Message}", ex);
        }
    }

    private static (string Text, byte[]? Image) ReadPage(PdfDocument document, int number, long maxImagePixels)
    {
        try
        {
            var page = document.GetPage(number);
            var text = ContentOrderTextExtractor.GetText(page).Trim();
            return (text, text.Length == 0 ? LargestImage(page, maxImagePixels) : null);
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new DocumentException("The PDF is encrypted (password-protected); remove the password and upload it again.", ex);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException or DocumentException))
        {
            throw new DocumentException($"The PDF is damaged: page {number} cannot be read ({ex.Message}).", ex);
        }
    }

    /// <summary>The page's largest image within <paramref name="maxPixels"/>; its size is known before it is decoded.</summary>
    private static byte[]? LargestImage(Page page, long maxPixels)
    {
        var image = page.GetImages()
            .Where(i => (long)i.WidthInSamples * i.HeightInSamples <= maxPixels)
            .OrderByDescending(i => (long)i.WidthInSamples * i.HeightInSamples).FirstOrDefault();
        if (image is null)
        {
            return null;
        }

        if (image.TryGetPng(out var png))
        {
            return png;
        }

        // JPEG streams (DCTDecode) are already a file the OCR can decode.
        var raw = image.RawMemory.ToArray();
        return raw.Length > 2 && raw[0] == 0xFF && raw[1] == 0xD8 ? raw : null;
    }
}
