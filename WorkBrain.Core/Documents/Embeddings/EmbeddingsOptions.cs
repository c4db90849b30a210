using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>Where document_qa gets embeddings: "none" (BM25 only), "local" (an ONNX BERT-style model such as
/// bge-small-zh-v1.5 under the models directory), "gguf" (a GGUF embedding model run by LLamaSharp, <see cref="GgufPath"/>)
/// or "remote" (an OpenAI-compatible /v1/embeddings endpoint).</summary>
public sealed class EmbeddingsOptions
{
    public const string Section = "Embeddings";

    [RegularExpression("^(none|local|gguf|remote)$", ErrorMessage = "Embeddings:Backend must be none, local, gguf or remote.")]
    public string Backend { get; set; } = "none";

    /// <summary>Base URL of the remote server, e.g. http://localhost:11434/v1.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>The local model's folder under the models directory: model.onnx plus vocab.txt.</summary>
    public string ModelDirectory { get; set; } = "embeddings/bge-small-zh-v1.5";

    /// <summary>The GGUF embedding model (Backend "gguf"), under the models directory or absolute.</summary>
    public string GgufPath { get; set; } = "embeddings/nomic-embed-text-v1.5-gguf/nomic-embed-text-v1.5.Q4_K_M.gguf";

    /// <summary>"cls" (bge) or "mean".</summary>
    [RegularExpression("^(cls|mean)$", ErrorMessage = "Embeddings:Pooling must be cls or mean.")]
    public string Pooling { get; set; } = "cls";

    [Range(8, 8192)]
    public int MaxTokens { get; set; } = 512;

    [Range(1, 256)]
    public int BatchSize { get; set; } = 16;

    /// <summary>Prepended to queries (not passages); bge-zh recommends this instruction for retrieval.</summary>
    public string QueryPrefix { get; set; } = "为这个句子生成表示以用于检索相关文章：";
}
