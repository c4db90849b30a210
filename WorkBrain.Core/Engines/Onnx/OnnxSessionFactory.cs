using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace WorkBrain.Core.Engines.Onnx;

/// <summary>
/// The one place ONNX Runtime sessions are made (OCR, classifier, VAD, gate, Whisper, decoder LLM, Stable Diffusion,
/// embeddings, Piper): execution provider and threads from <see cref="OnnxRuntimeOptions"/>, CUDA with a logged fallback
/// to the CPU (the CUDA provider is listed as available even without a GPU; only appending it shows the failure),
/// telemetry off, and the device each session really got kept for the dashboard.
/// </summary>
public sealed partial class OnnxSessionFactory
{
    public const string Cpu = "CPU";
    public const string Cuda = "GPU (CUDA)";

    private readonly IOptions<OnnxRuntimeOptions> _options;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, OnnxSessionInfo> _sessions = new(StringComparer.Ordinal);

    static OnnxSessionFactory() => OrtEnv.Instance().DisableTelemetryEvents();

    public OnnxSessionFactory(IOptions<OnnxRuntimeOptions> options, ILogger<OnnxSessionFactory>? logger = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>For code outside the host (benchmarks, tools, tests): the defaults, nothing logged.</summary>
    public static OnnxSessionFactory Default { get; } = new(Options.Create(new OnnxRuntimeOptions()));

    /// <summary>The sessions made so far, newest per model file.</summary>
    public IReadOnlyList<OnnxSessionInfo> Sessions => _sessions.Values.OrderBy(s => s.Model, StringComparer.Ordinal).ThenBy(s => s.File, StringComparer.Ordinal).ToList();

    /// <summary>The device the newest session of <paramref name="model"/> got, or null before it is loaded.</summary>
    public string? DeviceOf(string model) =>
        _sessions.Values.Where(s => s.Model == model).OrderByDescending(s => s.Created).FirstOrDefault()?.Device;

    public InferenceSession Create(string model, string path, OnnxSessionSettings? settings = null) => Create(model, path, settings, out _);

    /// <param name="model">The name the dashboard shows, e.g. "gate", "whisper-base", "sd-turbo".</param>
    /// <param name="device"><see cref="Cuda"/> or <see cref="Cpu"/>, as the session really got.</param>
    public InferenceSession Create(string model, string path, OnnxSessionSettings? settings, out string device)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        settings ??= new OnnxSessionSettings();
        var o = _options.Value;
        var provider = (settings.ExecutionProvider ?? o.ExecutionProvider).ToLowerInvariant();
        string? note = null;
        if (provider == "cuda" || (provider == "auto" && GpuBuild))
        {
            try
            {
                using var gpu = CreateOptions(settings, o);
                gpu.AppendExecutionProvider_CUDA(settings.DeviceId ?? o.DeviceId);
                var session = new InferenceSession(path, gpu);
                device = Cuda;
                Record(model, path, device, null);
                LogCreated(_logger, model, Path.GetFileName(path), device);
                return session;
            }
            catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
            {
                note = "CUDA could not start: " + ex.Message;
                LogCpuFallback(_logger, model, Path.GetFileName(path), ex.Message);
            }
        }

        using var cpu = CreateOptions(settings, o);
        var cpuSession = new InferenceSession(path, cpu);
        device = Cpu;
        Record(model, path, device, note);
        LogCreated(_logger, model, Path.GetFileName(path), device);
        return cpuSession;
    }

    /// <summary>True when this build carries the CUDA ONNX Runtime (-p:Gpu=true).</summary>
    public static bool GpuBuild =>
#if WORKBRAIN_GPU
        true;
#else
        false;
#endif

    private void Record(string model, string path, string device, string? note) =>
        _sessions[model + "|" + path] = new OnnxSessionInfo(model, Path.GetFileName(path), device, note, DateTimeOffset.UtcNow);

    private static SessionOptions CreateOptions(OnnxSessionSettings settings, OnnxRuntimeOptions o)
    {
        var so = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, EnableMemoryPattern = settings.MemoryPattern };
        var intra = settings.IntraOpThreads ?? o.IntraOpThreads;
        if (intra > 0)
        {
            so.IntraOpNumThreads = intra;
        }

        var inter = settings.InterOpThreads ?? o.InterOpThreads;
        if (inter > 0)
        {
            so.InterOpNumThreads = inter;
        }

        if (settings.Sequential)
        {
            so.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        }

        if (!settings.AllowSpinning)
        {
            so.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        }

        return so;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ONNX model {Model} ({File}) runs on {Device}")]
    private static partial void LogCreated(ILogger logger, string model, string file, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CUDA was asked for but ONNX model {Model} ({File}) runs on the CPU: {Reason}")]
    private static partial void LogCpuFallback(ILogger logger, string model, string file, string reason);
}
