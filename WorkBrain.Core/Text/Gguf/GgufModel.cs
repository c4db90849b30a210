using System.Collections.Concurrent;
using System.Text;
using LLama;
using LLama.Common;
using LLama.Native;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>
/// A loaded GGUF model: the weights (shared by every generation), its chat template, an optional vision projector, and
/// a pool of contexts (one per concurrent generation, each with its own KV cache, cleared between uses).
/// </summary>
internal sealed class GgufModel : IDisposable
{
    private const string FallbackTemplate = "chatml";
    private readonly ConcurrentBag<LLamaContext> _contexts = [];
    private readonly ModelParams _params;
    private readonly ILogger _logger;

    private GgufModel(LLamaWeights weights, MtmdWeights? projector, ModelParams parameters, string path, string template, bool templateFromModel, ILogger logger)
    {
        Weights = weights;
        Projector = projector;
        _params = parameters;
        _logger = logger;
        Path = path;
        Template = template;
        TemplateFromModel = templateFromModel;
        ContextSize = (int)(parameters.ContextSize ?? (uint)weights.ContextSize);
    }

    public LLamaWeights Weights { get; }

    public MtmdWeights? Projector { get; }

    /// <summary>Held while a generation uses <see cref="Projector"/>: mtmd's encoder is not safe to run on two threads.</summary>
    public Lock ProjectorLock { get; } = new();

    public string Path { get; }

    /// <summary>The llama.cpp template name, or the GGUF's own template text when <see cref="TemplateFromModel"/>.</summary>
    public string Template { get; }

    public bool TemplateFromModel { get; }

    /// <summary>Tokens a generation may hold: prompt plus answer.</summary>
    public int ContextSize { get; }

    public long MemoryBytes => (long)Weights.SizeInBytes;

    public SafeLlamaModelHandle.Vocabulary Vocab => Weights.Vocab;

    /// <summary>Loads the file; a missing file, a file that is not GGUF, or one llama.cpp refuses gives a message that says which.</summary>
    public static GgufModel Load(GgufEngineOptions options, string path, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckGgufFile(path, "model");
        if (!string.IsNullOrWhiteSpace(options.ProjectorPath))
        {
            CheckGgufFile(options.ProjectorPath, "projector (mmproj)");
            var architecture = GgufArchitecture.Read(options.ProjectorPath);
            if (architecture != "clip")
            {
                throw new InvalidDataException($"{System.IO.Path.GetFileName(options.ProjectorPath)} is not a vision projector (its architecture is \"{architecture ?? "unknown"}\", not \"clip\"): set TextGeneration:Gguf:ProjectorPath to the model's mmproj .gguf file.");
            }
        }

        LlamaNative.EnsureConfigured(logger);
        var parameters = new ModelParams(path)
        {
            ContextSize = options.ContextSize > 0 ? (uint)options.ContextSize : null,
            GpuLayerCount = options.GpuLayers,
            Threads = options.Threads > 0 ? options.Threads : null,
            BatchThreads = options.Threads > 0 ? options.Threads : null,
        };
        LLamaWeights weights;
        try
        {
            weights = LLamaWeights.LoadFromFile(parameters);
        }
        catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or InvalidOperationException)
        {
            throw new InvalidDataException($"llama.cpp could not load {System.IO.Path.GetFileName(path)}: {ex.Message} (an unsupported architecture or a damaged file?)", ex);
        }

        try
        {
            var trained = Math.Max(1, weights.ContextSize);
            parameters.ContextSize = (uint)(options.ContextSize > 0 ? Math.Min(options.ContextSize, trained) : trained);
            var (template, fromModel) = ChooseTemplate(weights, options.ChatTemplate, logger);
            var projector = string.IsNullOrWhiteSpace(options.ProjectorPath) ? null : LoadProjector(options.ProjectorPath, weights, options);
            return new GgufModel(weights, projector, parameters, path, template, fromModel, logger);
        }
        catch
        {
            weights.Dispose();
            throw;
        }
    }

    private static MtmdWeights LoadProjector(string path, LLamaWeights weights, GgufEngineOptions options)
    {
        var p = MtmdContextParams.Default();
        p.UseGpu = options.GpuLayers > 0;
        if (options.Threads > 0)
        {
            p.NThreads = options.Threads;
        }

        try
        {
            var projector = MtmdWeights.LoadFromFile(path, weights, p);
            if (!projector.SupportsVision)
            {
                projector.Dispose();
                throw new InvalidDataException($"The projector {System.IO.Path.GetFileName(path)} has no vision encoder.");
            }

            return projector;
        }
        catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or InvalidOperationException)
        {
            throw new InvalidDataException($"llama.cpp could not load the projector {System.IO.Path.GetFileName(path)}: {ex.Message} (is it the mmproj file that belongs to this model?)", ex);
        }
    }

    /// <summary>A file that exists and starts with the GGUF magic; anything else fails here, before native code sees it.</summary>
    internal static void CheckGgufFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The GGUF {what} {path} does not exist.", path);
        }

        Span<byte> magic = stackalloc byte[4];
        using (var stream = File.OpenRead(path))
        {
            if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("GGUF"u8))
            {
                throw new InvalidDataException($"{path} is not a GGUF file (it does not start with the GGUF magic).");
            }
        }
    }

    /// <summary>The configured template, else the GGUF's own if llama.cpp can apply it, else ChatML.</summary>
    private static (string Template, bool FromModel) ChooseTemplate(LLamaWeights weights, string? configured, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, false);
        }

        if (weights.Metadata.ContainsKey("tokenizer.chat_template"))
        {
            try
            {
                var probe = new LLamaTemplate(weights) { AddAssistant = true };
                probe.Add("user", "hi");
                _ = probe.Apply();
                return ("", true);
            }
            catch (Exception ex) when (ex is LLama.Exceptions.RuntimeError or InvalidOperationException or ArgumentException)
            {
                GgufLog.TemplateUnknown(logger, ex.Message);
            }
        }

        return (FallbackTemplate, false);
    }

    /// <summary>The prompt text of a conversation in this model's chat template, ending with the assistant's turn.</summary>
    public string RenderPrompt(IReadOnlyList<(string Role, string Content)> messages)
    {
        var template = TemplateFromModel ? new LLamaTemplate(Weights) { AddAssistant = true } : new LLamaTemplate(Template) { AddAssistant = true };
        foreach (var (role, content) in messages)
        {
            template.Add(role, content);
        }

        return Encoding.UTF8.GetString(template.Apply());
    }

    public LLamaContext RentContext()
    {
        if (_contexts.TryTake(out var context))
        {
            return context;
        }

        return Weights.CreateContext(_params, _logger);
    }

    public void ReturnContext(LLamaContext context)
    {
        context.NativeHandle.MemoryClear(true);
        _contexts.Add(context);
    }

    public void Dispose()
    {
        while (_contexts.TryTake(out var context))
        {
            context.Dispose();
        }

        Projector?.Dispose();
        Weights.Dispose();
    }
}

internal static partial class GgufLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "The GGUF's chat template is not one llama.cpp knows ({Reason}); using ChatML")]
    public static partial void TemplateUnknown(ILogger logger, string reason);
}
