using System.Buffers;
using System.IO.Compression;

namespace WorkBrain.Core.Documents.Parsing;

/// <summary>Unpacks every part of a DOCX/XLSX/PPTX package into nothing, counting, before the OpenXML reader sees it:
/// declared sizes can lie, so the real inflated bytes are counted and the package is refused as soon as one part or the
/// whole passes its limit, or a large part is compressed far more than real documents are (a decompression bomb).</summary>
internal static class PackageGuard
{
    private const long RatioAppliesAbove = 1L << 20;

    public static void Check(byte[] content, string kind, ParseLimits limits, CancellationToken cancellationToken)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentException($"The file is not a valid {kind} document (it may be damaged): {ex.Message}", ex);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            using (archive)
            {
                ParseLimits.Check(archive.Entries.Count, limits.MaxZipEntries, "parts in its package");
                long total = 0;
                foreach (var entry in archive.Entries)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    total += Inflate(entry, buffer, limits, total, cancellationToken);
                }
            }
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentException($"The file is not a valid {kind} document (it may be damaged): {ex.Message}", ex);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long Inflate(ZipArchiveEntry entry, byte[] buffer, ParseLimits limits, long before, CancellationToken cancellationToken)
    {
        if (entry.Length > limits.MaxZipEntryBytes)
        {
            throw TooLarge(entry, limits.MaxZipEntryBytes);
        }

        long size = 0;
        using var stream = entry.Open();
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            size += read;
            if (size > limits.MaxZipEntryBytes)
            {
                throw TooLarge(entry, limits.MaxZipEntryBytes);
            }

            if (before + size > limits.MaxZipTotalBytes)
            {
                throw new DocumentException($"The document unpacks to more than {Mib(limits.MaxZipTotalBytes)} MiB; it is refused as a possible decompression bomb.");
            }

            if (size > RatioAppliesAbove && size > Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
            {
                throw new DocumentException($"A part of the document (\"{entry.FullName}\") is compressed more than {limits.MaxCompressionRatio:0}:1; it is refused as a possible decompression bomb.");
            }

            if ((size & 0xFFFFF) < read)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }

        return size;
    }

    private static DocumentException TooLarge(ZipArchiveEntry entry, long limit) =>
        new($"A part of the document (\"{entry.FullName}\") unpacks to more than {Mib(limit)} MiB; it is refused as a possible decompression bomb.");

    private static string Mib(long bytes) => (bytes / (1024 * 1024.0)).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);
}
