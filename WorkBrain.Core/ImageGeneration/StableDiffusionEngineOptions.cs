using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The in-process ONNX Stable Diffusion engine (type "onnx" under <c>Engines:Images</c>).</summary>
public sealed class StableDiffusionEngineOptions
{
    /// <summary>The models.json entry (e.g. "sd-turbo"), used when <see cref="Path"/> is empty.</summary>
    public string? ModelName { get; set; } = "sd-turbo";

    /// <summary>A folder with an ONNX Stable Diffusion export (diffusers layout), instead of the manifest entry's folder.</summary>
    public string? Path { get; set; }

    /// <summary>"auto" (from scheduler_config.json), "euler", "euler_ancestral" or "lcm".</summary>
    [RegularExpression("^(auto|euler|euler_ancestral|lcm)$", ErrorMessage = "Scheduler must be auto, euler, euler_ancestral or lcm.")]
    public string Scheduler { get; set; } = "auto";

    /// <summary>A preview of the unfinished image (a small JPEG from the latents, no VAE run) with every this many
    /// steps; 0 for none.</summary>
    [Range(0, 1000)]
    public int PreviewEvery { get; set; } = 1;

    /// <summary>Threads for ONNX Runtime; 0 lets it choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }
}
