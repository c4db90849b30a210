using Microsoft.Extensions.Options;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Reads an upload (within <see cref="DocumentsOptions.MaxFileBytes"/>), sniffs its type from its bytes and
/// extracts its text in anchored sections. Every failure is a <see cref="DocumentException"/> with a message for the user.</summary>
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
                throw new DocumentException($"\"{fileName}\" is larger than the {limit / (1024 * 1024.0):0.#} MiB limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    public async Task<ParsedDocument> ParseAsync(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.LongLength > _options.Value.MaxFileBytes)
        {
            throw new DocumentException($"\"{fileName}\" is larger than the {_options.Value.MaxFileBytes / (1024 * 1024.0):0.#} MiB limit.");
        }

        var type = FormatSniffer.Detect(content, fileName);
        var parser = _parsers.First(p => p.CanParse(type));
        return await parser.ParseAsync(content, type, cancellationToken);
    }

    public async Task<ParsedDocument> ParseAsync(Stream content, string fileName, CancellationToken cancellationToken = default) =>
        await ParseAsync(await ReadLimitedAsync(content, fileName, cancellationToken), fileName, cancellationToken);
}
