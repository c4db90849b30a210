using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Reads an upload (within <see cref="DocumentsOptions.MaxFileBytes"/>), sniffs its type from its bytes and
/// extracts its text in anchored sections, within the document limits of <see cref="DocumentsOptions"/> and its parse
/// timeout. Every failure is a <see cref="DocumentException"/> with a message for the user.</summary>
public sealed class DocumentParser
{
    private readonly IReadOnlyList<IDocumentFormatParser> _parsers;
    private readonly IOptions<DocumentsOptions> _options;

    public DocumentParser(IOptions<DocumentsOptions> options, IEnumerable<IPageOcr> ocr)
    {
        _options = options;
        _parsers =
        [
            new PdfParser(ocr.FirstOrDefault()), new WordParser(), new SpreadsheetParser(), new PresentationParser(),
            new PlainTextParser(), new CsvParser(),
        ];
    }

    /// <summary>Reads the whole stream, refusing it as soon as it passes the size limit.</summary>
    public async Task<byte[]> ReadLimitedAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var limit = _options.Value.MaxFileBytes;
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(fileName, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public async Task<ParsedDocument> ParseAsync(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var options = _options.Value;
        if (content.LongLength > options.MaxFileBytes)
        {
            throw TooLarge(fileName, options.MaxFileBytes);
        }

        var type = FormatSniffer.Detect(content, fileName);
        var parser = _parsers.First(p => p.CanParse(type));
        var limits = ParseLimits.From(options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(options.ParseTimeoutSeconds));
        try
        {
            // Parsers are synchronous CPU work: run them off the caller's thread so the deadline can end the wait.
            return await Task.Run(async () =>
            {
                if (type is DocumentType.Docx or DocumentType.Xlsx or DocumentType.Pptx)
                {
                    PackageGuard.Check(content, type.ToString().ToUpperInvariant(), limits, deadline.Token);
                }

                return await parser.ParseAsync(content, type, limits, deadline.Token);
            }, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DocumentException($"\"{fileName}\" took longer than {options.ParseTimeoutSeconds} s to read and was stopped.");
        }
    }

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        await ParseAsync(await ReadLimitedAsync(content, fileName, cancellationToken), fileName, cancellationToken);

    private static DocumentException TooLarge(string fileName, long limit) =>
        new($"\"{fileName}\" is larger than the {limit / (1024 * 1024.0):0.#} MiB limit.");
}
