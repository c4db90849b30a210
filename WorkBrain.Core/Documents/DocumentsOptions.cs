using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Documents;

public sealed class DocumentsOptions
{
    public const string Section = "Documents";

    /// <summary>Largest file accepted, in bytes (default 50 MiB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Target chunk size in characters; sentences are never cut unless one alone is longer.</summary>
    [Range(50, 20_000)]
    public int ChunkCharacters { get; set; } = 400;

    /// <summary>How many characters of whole sentences from the end of a chunk start the next one.</summary>
    [Range(0, 10_000)]
    public int OverlapCharacters { get; set; } = 80;

    /// <summary>How many of one user's documents may wait for indexing; more are refused until some are done.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 64;

    /// <summary>Documents indexed at the same time (one per user at a time, users served in turn).</summary>
    [Range(1, 64)]
    public int IndexingWorkers { get; set; } = 2;

    /// <summary>How long a replica's claim on a queued or indexing document lasts without renewal (it renews every third of
    /// it while it runs). Replicas sharing one database look for stale claims this often and take such work over.</summary>
    [Range(3, 3600)]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>Longest time one document may take to be read before it is failed.</summary>
    [Range(1, 3600)]
    public int ParseTimeoutSeconds { get; set; } = 120;

    /// <summary>Most characters of text one document may yield (about 2,500 pages).</summary>
    [Range(1_000, int.MaxValue)]
    public int MaxDocumentCharacters { get; set; } = 5_000_000;

    /// <summary>Most characters of text one user's whole library may hold.</summary>
    [Range(1_000, long.MaxValue)]
    public long MaxUserCharacters { get; set; } = 50_000_000;

    /// <summary>Most paragraphs in a DOCX (empty ones count too).</summary>
    [Range(1, int.MaxValue)]
    public int MaxParagraphs { get; set; } = 200_000;

    /// <summary>Most sheets in an XLSX.</summary>
    [Range(1, 100_000)]
    public int MaxSheets { get; set; } = 200;

    /// <summary>Most rows in an XLSX (all sheets together) or a CSV.</summary>
    [Range(1, int.MaxValue)]
    public int MaxRows { get; set; } = 500_000;

    /// <summary>Most slides in a PPTX.</summary>
    [Range(1, 100_000)]
    public int MaxSlides { get; set; } = 2_000;

    /// <summary>Most pages in a PDF.</summary>
    [Range(1, 100_000)]
    public int MaxPdfPages { get; set; } = 3_000;

    /// <summary>Most scanned pages of one PDF sent to OCR; the others are reported as unread.</summary>
    [Range(0, 100_000)]
    public int MaxOcrPages { get; set; } = 50;

    /// <summary>Largest image inside a document that is decoded for OCR, in pixels.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Most entries in a DOCX/XLSX/PPTX package.</summary>
    [Range(1, 1_000_000)]
    public int MaxZipEntries { get; set; } = 10_000;

    /// <summary>Largest uncompressed size of one entry of a DOCX/XLSX/PPTX package.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxZipEntryBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest uncompressed size of a whole DOCX/XLSX/PPTX package.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxZipTotalBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Highest compression ratio of an entry over 1 MiB uncompressed (XML usually compresses 5–20×).</summary>
    [Range(2, 100_000)]
    public double MaxCompressionRatio { get; set; } = 200;

    /// <summary>Passages handed to the answer.</summary>
    [Range(1, 50)]
    public int TopK { get; set; } = 5;

    /// <summary>How long the expert waits for an attached document to be indexed.</summary>
    [Range(1, 3600)]
    public int IndexWaitSeconds { get; set; } = 300;

    /// <summary>A passage of the user's library that contains at least this share of a question (idf-weighted) is evidence
    /// for document_qa, as an attachment is; 1 turns the library evidence off.</summary>
    [Range(0.0, 1.0)]
    public float GateEvidenceCoverage { get; set; } = 0.6f;

    /// <summary>How strongly such a match points at document_qa (combined with the gate's probability as a noisy-or).</summary>
    [Range(0.0, 1.0)]
    public float GateEvidenceStrength { get; set; } = 0.7f;
}
