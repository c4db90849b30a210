using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Engines.Onnx;

/// <summary>How every ONNX model gets its session (section <c>OnnxRuntime</c>); a model may ask for fewer threads or the CPU.</summary>
public sealed class OnnxRuntimeOptions
{
    public const string Section = "OnnxRuntime";

    /// <summary>auto (CUDA in a -p:Gpu=true build, else CPU), cpu or cuda (tried, with a logged fallback to CPU).</summary>
    [RegularExpression("^(auto|cpu|cuda)$", ErrorMessage = "OnnxRuntime:ExecutionProvider must be auto, cpu or cuda.")]
    public string ExecutionProvider { get; set; } = "auto";

    [Range(0, 16)]
    public int DeviceId { get; set; }

    /// <summary>Intra-op threads of models that do not set their own; 0 lets ONNX Runtime choose.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    [Range(0, 256)]
    public int InterOpThreads { get; set; }
}

/// <summary>What one model asks of its session, over <see cref="OnnxRuntimeOptions"/>.</summary>
public sealed record OnnxSessionSettings
{
    /// <summary>auto, cpu or cuda; null takes OnnxRuntime:ExecutionProvider. Tiny per-request models (gate, VAD) ask for cpu.</summary>
    public string? ExecutionProvider { get; init; }

    public int? DeviceId { get; init; }

    /// <summary>0 lets ONNX Runtime choose; null takes OnnxRuntime:IntraOpThreads.</summary>
    public int? IntraOpThreads { get; init; }

    public int? InterOpThreads { get; init; }

    public bool Sequential { get; init; }

    /// <summary>ONNX Runtime's memory pattern: plans the intermediate buffers once per set of input shapes and reuses the
    /// plan. Right for fixed shapes; a decoder's shapes grow every step, so it plans on every step and never reuses
    /// (the decoder LLM turns it off).</summary>
    public bool MemoryPattern { get; init; } = true;

    /// <summary>Spinning intra-op threads halve throughput or worse when other models share the CPU (vision benchmark).</summary>
    public bool AllowSpinning { get; init; } = true;
}

/// <summary>One session as it really was created: the device it got and why, for the dashboard.</summary>
public sealed record OnnxSessionInfo(string Model, string File, string Device, string? Note, DateTimeOffset Created);
