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

    /// <summary>How many uploads may wait for indexing before AddAsync waits.</summary>
    [Range(1, 10_000)]
    public int QueueCapacity { get; set; } = 256;

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
