using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Vision;

/// <summary>Where the vision models live and how large an image may be.</summary>
public sealed class VisionOptions
{
    public const string Section = "ImageUnderstanding";

    /// <summary>Folder under the models directory holding the PP-OCRv4 files.</summary>
    [Required]
    public string OcrDirectory { get; set; } = "ocr";

    /// <summary>Folder under the models directory holding SqueezeNet and its labels.</summary>
    [Required]
    public string ClassifierDirectory { get; set; } = "image-classification";

    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>Largest decoded image, width × height.</summary>
    [Range(1, long.MaxValue)]
    public long MaxImagePixels { get; set; } = 50_000_000;

    [Range(1, 20)]
    public int TopLabels { get; set; } = 3;

    /// <summary>Optional vision-language model on an OpenAI-compatible server.</summary>
    public VlmOptions Vlm { get; set; } = new();
}

public sealed class VlmOptions
{
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 120;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Model);
}
