using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>A GGUF model run in process by LLamaSharp (llama.cpp): section <c>TextGeneration:Gguf</c> for the text engine.</summary>
public sealed class GgufEngineOptions
{
    public const string Section = "TextGeneration:Gguf";

    /// <summary>The .gguf file; when empty, the file of the manifest entry <see cref="ModelName"/>.</summary>
    public string? Path { get; set; }

    /// <summary>A models.json entry of format gguf (pulled with <c>models pull NAME</c>), used when <see cref="Path"/> is empty.</summary>
    public string? ModelName { get; set; }

    /// <summary>The multimodal projector (mmproj .gguf) of a vision model; image questions need it.</summary>
    public string? ProjectorPath { get; set; }

    /// <summary>Tokens of context per generation; 0 takes the model's trained context. Never more than the model's.</summary>
    [Range(0, 1 << 20)]
    public int ContextSize { get; set; } = 4096;

    /// <summary>Generations of this model that run at once (each holds its own context); the others queue.</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>CPU threads per generation; 0 lets llama.cpp choose.</summary>
    [Range(0, 256)]
    public int Threads { get; set; }

    /// <summary>Layers offloaded to the GPU (needs a GPU backend such as LLamaSharp.Backend.Cuda12); 0 runs on the CPU.</summary>
    [Range(0, 10000)]
    public int GpuLayers { get; set; }

    /// <summary>A llama.cpp template name (chatml, llama3, …) to use instead of the one in the GGUF; empty uses the GGUF's,
    /// or ChatML when the GGUF has none or llama.cpp does not know it.</summary>
    public string? ChatTemplate { get; set; }

    /// <summary>The name shown on /admin and in responses; empty takes the file name.</summary>
    public string? Name { get; set; }

    internal string DisplayName => !string.IsNullOrWhiteSpace(Name) ? Name
        : !string.IsNullOrWhiteSpace(Path) ? System.IO.Path.GetFileNameWithoutExtension(Path)
        : ModelName ?? "gguf";
}
