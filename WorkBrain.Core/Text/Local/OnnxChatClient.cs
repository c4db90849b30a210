using System.Runtime.CompilerServices;
using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WorkBrain.Core.Text.Local;

/// <summary>
/// A decoder-only LLM (Qwen2/2.5, Llama 3, InternLM2 ONNX exports) run in process with ONNX Runtime, as an <see cref="IChatClient"/>.
/// Generations run on a worker thread and stream through a channel; a bounded scheduler queues them per model and one
/// chat session (<see cref="ChatOptions.ConversationId"/>) runs one generation at a time.
/// </summary>
public sealed class OnnxChatClient : IChatClient
{
    /// <summary>The key of <see cref="ChatOptions.AdditionalProperties"/> for the repetition penalty (1 = none).</summary>
    public const string RepetitionPenaltyKey = "repetition_penalty";

    private readonly OnnxDecoderModel _model;
    private readonly LocalEngineOptions _options;
    private readonly LocalGenerations _generations;
    private readonly ChatClientMetadata _metadata;

    private OnnxChatClient(OnnxDecoderModel model, LocalEngineOptions options, string name)
    {
        _model = model;
        _options = options;
        _generations = new LocalGenerations(options.MaxConcurrent);
        Name = name;
        _metadata = new ChatClientMetadata("workbrain-onnx", null, name);
    }

    public string Name { get; }

    /// <summary>"CPU" or "GPU (CUDA)".</summary>
    public string Device => _model.Device;

    public long MemoryBytes => _model.MemoryBytes;

    public ChatTemplateKind Template => _model.Template;

    public int QueueDepth => _generations.QueueDepth;

    internal int PeakRunning => _generations.PeakRunning;

    internal OnnxDecoderModel Model => _model;

    public LocalModelStats Stats => _generations.Stats;

    /// <summary>Loads the model folder (config.json, tokenizer.json, generation_config.json, an ONNX file).</summary>
    public static OnnxChatClient Load(string folder, LocalEngineOptions? options = null, ILogger? logger = null, string? name = null, OnnxSessionFactory? sessions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The model folder {folder} does not exist.");
        }

        options ??= new LocalEngineOptions();
        var model = OnnxDecoderModel.Load(folder, options, logger ?? NullLogger.Instance, sessions);
        return new OnnxChatClient(model, options, name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)));
    }

    /// <summary>The prompt text the template renders for <paramref name="messages"/>.</summary>
    public string RenderPrompt(IEnumerable<ChatMessage> messages) => ChatTemplate.Render(_model.Template, messages);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var request = BuildRequest(messages, options);
        var updates = _generations.StreamAsync(this, Name, options?.ConversationId,
            (emit, ct) => TextGenerator.Generate(_model, request, _options, emit, ct), cancellationToken);
        await foreach (var update in updates)
        {
            yield return update;
        }
    }

    private GenerationRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var config = _model.Config;
        var penalty = options?.AdditionalProperties?.TryGetValue(RepetitionPenaltyKey, out float p) == true ? p : config.RepetitionPenalty ?? 1f;
        var sampling = new SamplingSettings(
            options?.Temperature ?? config.Temperature ?? 0.7f,
            options?.TopP ?? config.TopP ?? 1f,
            options?.TopK ?? config.TopK ?? 0,
            penalty,
            options?.Seed is { } seed ? unchecked((int)seed) : null);
        var prompt = _model.Tokenizer.Encode(ChatTemplate.Render(_model.Template, messages));
        var stops = options?.StopSequences?.Where(s => !string.IsNullOrEmpty(s)).ToList() ?? [];
        var maxTokens = options?.MaxOutputTokens ?? 512;
        return new GenerationRequest(prompt, sampling, Math.Max(1, maxTokens), stops);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ChatClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <summary>Refuses new requests, waits for the running and queued ones to finish, then frees the model.</summary>
    public Task DisposeWhenIdleAsync(CancellationToken cancellationToken = default) => _generations.DisposeWhenIdleAsync(_model.Dispose, cancellationToken);

    public void Dispose()
    {
        _generations.Close();
        _model.Dispose();
    }
}
