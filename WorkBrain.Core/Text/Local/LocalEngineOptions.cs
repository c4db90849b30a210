namespace WorkBrain.Core.Text.Local;

/// <summary>How the local engine loads and runs one model.</summary>
public sealed record LocalEngineOptions
{
    /// <summary>auto (CUDA when this build and machine have it, else CPU), cpu or cuda.</summary>
    public string ExecutionProvider { get; init; } = "auto";

    public int DeviceId { get; init; }

    /// <summary>The ONNX file inside the model folder; empty picks onnx/model_q4.onnx, onnx/model.onnx, …</summary>
    public string? ModelFile { get; init; }

    /// <summary>Generations that run at once; the others queue.</summary>
    public int MaxConcurrent { get; init; } = 1;

    /// <summary>ONNX Runtime intra-op threads per generation; 0 lets ONNX Runtime choose.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>ONNX Runtime's memory pattern for the decoder session. Off by default: ONNX Runtime plans the
    /// intermediate buffers once per set of input shapes and keeps every plan for the session's life, and a decoder's
    /// shapes change with every sequence length. Measured 2026-12-02 (load average 6-15 on 2 cores): on a 24-layer model,
    /// 1,700 decoded lengths left the process 133 MiB more private memory with it (80 MiB with ONNX Runtime's outputs),
    /// about 80 KB per length and growing towards the model's positions (some 300 MiB at 4,096); the decode step alone
    /// (genai-steps) cost about 4 % less CPU with it when the same lengths come back, as a long-running chat's do, and
    /// 3 % more when none does (up to 25 % more through the whole chat path, genai fresh). Not worth memory that grows
    /// with every new length.</summary>
    public bool MemoryPattern { get; init; }

    /// <summary>Prompt tokens fed to the model per step while reading the prompt (bounds the logits memory of long prompts).</summary>
    public int PrefillChunkTokens { get; init; } = 64;

    /// <summary>On the CPU, the decoder writes logits and present.* into buffers the engine keeps and reuses (two per
    /// cache tensor, taking turns as past and present), as GenAI binds outputs it allocated, instead of ONNX Runtime
    /// allocating them every step (on by default: 5-6 % less CPU per decode step than ONNX Runtime's outputs in
    /// genai-steps, more at long lengths; the buffers are native memory, freed when the generation ends, and hold up to
    /// half again the longest sequence so far).</summary>
    public bool BindOutputs { get; init; } = true;

    /// <summary>False re-runs the whole sequence for each token (slow; for checking the cache).</summary>
    public bool UseKvCache { get; init; } = true;
}
