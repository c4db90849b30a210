using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Documents.Embeddings;

/// <summary>An ONNX BERT-style sentence embedding model (engine type "onnx" under <c>Engines:Embeddings</c>): a folder
/// with model.onnx and its WordPiece vocab.txt.</summary>
public sealed class OnnxEmbeddingOptions
{
    /// <summary>The models.json entry to use (pulled with <c>models pull NAME</c>) when <see cref="Path"/> is empty.</summary>
    public string? ModelName { get; set; } = "bge-small-zh-v1.5";

    /// <summary>The model folder (model.onnx, vocab.txt); a relative path is under the models directory.</summary>
    public string? Path { get; set; }

    /// <summary>"cls" (bge) or "mean".</summary>
    [RegularExpression("^(cls|mean)$", ErrorMessage = "Pooling must be cls or mean.")]
    public string Pooling { get; set; } = "cls";

    [Range(8, 8192)]
    public int MaxTokens { get; set; } = 512;
}
