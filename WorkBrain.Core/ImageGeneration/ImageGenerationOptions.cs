using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.ImageGeneration;

public sealed class ImageGenerationOptions
{
    public const string Section = "ImageGeneration";

    /// <summary>"auto" (remote when an endpoint is set, else local), "local" or "remote".</summary>
    [RegularExpression("^(auto|local|remote)$", ErrorMessage = "ImageGeneration:Backend must be auto, local or remote.")]
    public string Backend { get; set; } = "auto";

    /// <summary>The manifest entry of the local pipeline, e.g. "sd-turbo" or "sd-1.5".</summary>
    public string LocalModel { get; set; } = "sd-turbo";

    /// <summary>A folder with an ONNX Stable Diffusion export, instead of the manifest entry's folder.</summary>
    public string? LocalModelPath { get; set; }

    /// <summary>"auto" (from scheduler_config.json), "euler", "euler_ancestral" or "lcm".</summary>
    [RegularExpression("^(auto|euler|euler_ancestral|lcm)$", ErrorMessage = "ImageGeneration:Scheduler must be auto, euler, euler_ancestral or lcm.")]
    public string Scheduler { get; set; } = "auto";

    [Range(1, 150)]
    public int Steps { get; set; } = 4;

    /// <summary>Classifier-free guidance; 1 or less skips the unconditional pass (SD-Turbo uses 0).</summary>
    [Range(0.0, 30.0)]
    public double Guidance { get; set; }

    [Range(64, 2048)]
    public int Width { get; set; } = 512;

    [Range(64, 2048)]
    public int Height { get; set; } = 512;

    /// <summary>Fixed seed; null picks a random one per image.</summary>
    public long? Seed { get; set; }

    /// <summary>Threads for ONNX Runtime; 0 lets it choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>The in-process engine shows a preview of the unfinished image with every this many steps; 0 for none.</summary>
    [Range(0, 1000)]
    public int PreviewEvery { get; set; } = 1;

    /// <summary>Base URL of an OpenAI images API (…/v1), e.g. LocalAI or an SD WebUI bridge.</summary>
    public string? Endpoint { get; set; }

    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 300;

    public bool HasRemote => !string.IsNullOrWhiteSpace(Endpoint);
}
