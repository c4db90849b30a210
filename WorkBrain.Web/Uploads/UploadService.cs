using Microsoft.Extensions.Options;
using WorkBrain.Core.Files;
using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Uploads;

/// <summary>Checks an upload's real type and size, then stores it under its content hash for its owner.</summary>
public sealed class UploadService(IFileStore files, IOptions<UploadOptions> options)
{
    private const int HeadLength = 64;

    public async Task<Attachment> SaveAsync(string userId, string fileName, string? declaredType, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "upload" : fileName);
        var limits = options.Value;

        // Spool to a temporary file so the type can be sniffed (zip parts included) and the size enforced while reading.
        var temp = Path.Combine(Path.GetTempPath(), $"workbrain-upload-{Guid.NewGuid():N}");
        try
        {
            long length;
            await using (var spool = File.Create(temp))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    if (spool.Length > limits.MaxAnyBytes)
                    {
                        throw new UploadRejectedException($"{name} is too large: the limit is {Megabytes(limits.MaxAnyBytes)}.", tooLarge: true);
                    }
                }

                length = spool.Length;
            }

            if (length == 0)
            {
                throw new UploadRejectedException($"{name} is empty.");
            }

            var head = new byte[HeadLength];
            int headLength;
            await using (var read = File.OpenRead(temp))
            {
                headLength = await read.ReadAtLeastAsync(head, HeadLength, throwOnEndOfStream: false, cancellationToken);
            }

            var sniffed = FileSniffer.Sniff(head.AsSpan(0, headLength), declaredType, name, () => File.OpenRead(temp))
                          ?? throw new UploadRejectedException(
                              $"{name} is not a supported file: send an image (PNG, JPEG, WebP, GIF), audio (WAV, MP3, OGG, WebM, M4A), video (MP4, WebM) or a document (PDF, DOCX, XLSX, PPTX, TXT, MD, CSV).");
            var limit = limits.LimitFor(sniffed.Kind);
            if (length > limit)
            {
                throw new UploadRejectedException($"{name} is too large for {sniffed.Kind.ToString().ToLowerInvariant()}: the limit is {Megabytes(limit)}.", tooLarge: true);
            }

            await using var stored = File.OpenRead(temp);
            var file = await files.SaveAsync(stored, sniffed.ContentType, userId, cancellationToken);
            return new Attachment(name, sniffed.ContentType, sniffed.Kind, file.Path, length) { FileId = file.Id };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    internal static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
