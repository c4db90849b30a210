using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Text.Local;

/// <summary>The local text model (section <c>TextGeneration:Local</c>).</summary>
public sealed class LocalTextModelOptions
{
    public const string Section = "TextGeneration:Local";

    /// <summary>The manifest entry to use (models/models.json), pulled with <c>models pull NAME</c>.</summary>
    public string ModelName { get; set; } = "qwen2.5-0.5b-instruct";

    /// <summary>A model folder to use directly instead of a manifest entry (config.json, tokenizer.json, onnx/model*.onnx).</summary>
    public string? Path { get; set; }

    /// <summary>The ONNX file inside the folder; empty picks onnx/model_q4.onnx, onnx/model.onnx, ….</summary>
    public string? ModelFile { get; set; }

    [RegularExpression("^(auto|cpu|cuda)$", ErrorMessage = "TextGeneration:Local:ExecutionProvider must be auto, cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "auto";

    [Range(0, 16)]
    public int DeviceId { get; set; }

    /// <summary>Generations of this model that run at once (the others queue).</summary>
    [Range(1, 64)]
    public int MaxConcurrent { get; set; } = 1;

    /// <summary>ONNX Runtime threads per generation; 0 divides the machine's cores among <see cref="MaxConcurrent"/>.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    public bool UseKvCache { get; set; } = true;

    /// <summary>ONNX Runtime's memory pattern for this model's session; off by default: it keeps one plan per sequence
    /// length for the session's life (about 80 KB each on a 24-layer model) and costs CPU at every length it has not
    /// seen (see <see cref="LocalEngineOptions.MemoryPattern"/>).</summary>
    public bool MemoryPattern { get; set; }

    /// <summary>On the CPU, the decoder writes logits and the KV cache into reused buffers of the engine instead of ONNX
    /// Runtime allocating them every step (on by default; false is ONNX Runtime's own outputs).</summary>
    public bool BindOutputs { get; set; } = true;

    internal LocalEngineOptions ToEngineOptions() => new()
    {
        ExecutionProvider = ExecutionProvider,
        DeviceId = DeviceId,
        ModelFile = string.IsNullOrWhiteSpace(ModelFile) ? null : ModelFile,
        MaxConcurrent = MaxConcurrent,
        IntraOpThreads = IntraOpThreads > 0 ? IntraOpThreads : MaxConcurrent > 1 ? Math.Max(1, Environment.ProcessorCount / MaxConcurrent) : 0,
        UseKvCache = UseKvCache,
        MemoryPattern = MemoryPattern,
        BindOutputs = BindOutputs,
    };
}
