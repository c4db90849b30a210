using WorkBrain.Core.Engines.Onnx;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// A loaded decoder-only ONNX export (onnx-community layout): one InferenceSession, its tokenizer and configuration, the
/// device it runs on and the memory it took. Thread-safe: each generation uses its own <see cref="DecoderState"/>.
/// </summary>
internal sealed partial class OnnxDecoderModel : IDisposable
{
    private static readonly string[] CandidateFiles =
        ["onnx/model_q4.onnx", "onnx/model.onnx", "model_q4.onnx", "model.onnx", "onnx/model_quantized.onnx", "onnx/model_int8.onnx", "onnx/model_fp16.onnx"];

    private OnnxDecoderModel(string folder, string modelPath, InferenceSession session, LocalModelConfig config, LocalTokenizer tokenizer, string device, long memoryBytes)
    {
        Folder = folder;
        ModelPath = modelPath;
        Session = session;
        Config = config;
        Tokenizer = tokenizer;
        Device = device;
        MemoryBytes = memoryBytes;
        Template = ChatTemplate.Detect(config.ModelType, tokenizer.Specials.Keys);
        var inputs = session.InputMetadata;
        HasPositionIds = inputs.ContainsKey("position_ids");
        Layers = Enumerable.Range(0, 1024).TakeWhile(i => inputs.ContainsKey($"past_key_values.{i}.key")).Count();
        if (Layers == 0 || !inputs.ContainsKey("input_ids") || !inputs.ContainsKey("attention_mask") || !session.OutputMetadata.ContainsKey("logits"))
        {
            throw new NotSupportedException(
                $"{modelPath} is not a decoder export with a KV cache (inputs input_ids, attention_mask, past_key_values.N.key/value; outputs logits, present.N.key/value). It has: {string.Join(", ", inputs.Keys)}.");
        }

        var unknown = inputs.Keys.Where(k => k is not ("input_ids" or "attention_mask" or "position_ids") && !k.StartsWith("past_key_values.", StringComparison.Ordinal)).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"{modelPath} has inputs the engine does not know how to fill: {string.Join(", ", unknown)}.");
        }

        var past = inputs["past_key_values.0.key"];
        KvElementType = past.ElementDataType;
        KvHeads = past.Dimensions.Length == 4 && past.Dimensions[1] > 0 ? past.Dimensions[1] : config.KeyValueHeads;
        HeadDim = past.Dimensions.Length == 4 && past.Dimensions[3] > 0 ? past.Dimensions[3] : config.HeadDim;
        var logits = session.OutputMetadata["logits"];
        LogitsElementType = logits.ElementDataType;
        VocabSize = logits.Dimensions.Length == 3 && logits.Dimensions[2] > 0 ? logits.Dimensions[2] : Math.Max(config.VocabSize, tokenizer.VocabularySize);
        InputNames = ["input_ids", "attention_mask", .. HasPositionIds ? new[] { "position_ids" } : [], .. Enumerable.Range(0, Layers).SelectMany(i => new[] { $"past_key_values.{i}.key", $"past_key_values.{i}.value" })];
        OutputNames = ["logits", .. Enumerable.Range(0, Layers).SelectMany(i => new[] { $"present.{i}.key", $"present.{i}.value" })];
        var eos = new HashSet<int>(config.EosTokenIds);
        foreach (var token in ChatTemplate.EndTokens(Template))
        {
            if (tokenizer.IdOf(token) is { } id)
            {
                eos.Add(id);
            }
        }

        EosTokenIds = eos;
    }

    public string Folder { get; }

    public string ModelPath { get; }

    public InferenceSession Session { get; }

    public LocalModelConfig Config { get; }

    public LocalTokenizer Tokenizer { get; }

    public ChatTemplateKind Template { get; }

    /// <summary>"CPU" or "GPU (CUDA)".</summary>
    public string Device { get; }

    /// <summary>Model file sizes, or the process's memory growth while loading when that is larger.</summary>
    public long MemoryBytes { get; }

    public bool HasPositionIds { get; }

    public int Layers { get; }

    public int KvHeads { get; }

    public int HeadDim { get; }

    public TensorElementType KvElementType { get; }

    public TensorElementType LogitsElementType { get; }

    /// <summary>Width of the logits (may exceed the tokenizer's vocabulary: padded embeddings).</summary>
    public int VocabSize { get; }

    public IReadOnlySet<int> EosTokenIds { get; }

    internal string[] InputNames { get; }

    internal string[] OutputNames { get; }

    /// <summary>The ONNX file a model folder holds, preferring <paramref name="preferred"/>.</summary>
    public static string FindModelFile(string folder, string? preferred)
    {
        if (!string.IsNullOrWhiteSpace(preferred))
        {
            var p = Path.Combine(folder, preferred);
            return File.Exists(p) ? p : throw new FileNotFoundException($"{p} does not exist.", p);
        }

        return CandidateFiles.Select(f => Path.Combine(folder, f)).FirstOrDefault(File.Exists)
               ?? throw new FileNotFoundException($"No ONNX model in {folder} (looked for {string.Join(", ", CandidateFiles)}).");
    }

    public static OnnxDecoderModel Load(string folder, LocalEngineOptions options, ILogger logger, OnnxSessionFactory? sessions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = LocalModelConfig.Load(folder);
        var tokenizer = LocalTokenizer.LoadFromFolder(folder);
        var modelPath = FindModelFile(folder, options.ModelFile);
        var fileBytes = Directory.EnumerateFiles(Path.GetDirectoryName(modelPath)!)
            .Where(f => Path.GetFileName(f).StartsWith(Path.GetFileName(modelPath), StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);

        using var process = Process.GetCurrentProcess();
        var before = process.WorkingSet64;
        var settings = new OnnxSessionSettings
        {
            ExecutionProvider = options.ExecutionProvider,
            DeviceId = options.DeviceId,
            IntraOpThreads = options.IntraOpThreads > 0 ? options.IntraOpThreads : null,
            MemoryPattern = options.MemoryPattern,
        };
        var session = (sessions ?? OnnxSessionFactory.Default).Create(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), modelPath, settings, out var device);
        process.Refresh();
        var delta = Math.Max(0, process.WorkingSet64 - before);
        try
        {
            var model = new OnnxDecoderModel(folder, modelPath, session, config, tokenizer, device, Math.Max(fileBytes, delta));
            LogLoaded(logger, modelPath, device, model.MemoryBytes / 1048576.0);
            return model;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    public void Dispose() => Session.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded local model {Path} on {Device} ({MemoryMiB:0} MiB)")]
    private static partial void LogLoaded(ILogger logger, string path, string device, double memoryMiB);
}
