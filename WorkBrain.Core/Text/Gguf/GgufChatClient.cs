using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>
/// A GGUF model (llama.cpp through LLamaSharp) as an <see cref="IChatClient"/>: streaming, cancellation, stop sequences,
/// the model's context as the limit, <see cref="GgufEngineOptions.MaxConcurrent"/> generations at once (each chat session,
/// <see cref="ChatOptions.ConversationId"/>, one at a time), the GGUF's chat template, real token counts as
/// <see cref="UsageContent"/>, and images as <see cref="DataContent"/> when a projector is loaded.
/// </summary>
public sealed class GgufChatClient : IChatClient
{
    /// <summary><see cref="ChatOptions.AdditionalProperties"/> key: true sends the messages' text as a plain completion
    /// prompt, without the chat template.</summary>
    public const string RawPromptKey = "raw_prompt";

    internal const string NoProjectorMessage =
        "This GGUF model was loaded without a projector, so it cannot read images: set TextGeneration:Gguf:ProjectorPath to the model's mmproj .gguf file.";

    private readonly GgufModel _model;
    private readonly LocalGenerations _generations;
    private readonly ChatClientMetadata _metadata;
    private readonly string _mediaMarker;

    private GgufChatClient(GgufModel model, GgufEngineOptions options, string name)
    {
        _model = model;
        _generations = new LocalGenerations(options.MaxConcurrent);
        Name = name;
        _metadata = new ChatClientMetadata("workbrain-llamasharp", null, name);
        _mediaMarker = GgufImagePrompt.Marker;
    }

    public string Name { get; }

    /// <summary>"CPU", or "GPU (n layers)" when layers are offloaded.</summary>
    public string Device { get; private init; } = "CPU";

    public long MemoryBytes => _model.MemoryBytes;

    public int ContextSize => _model.ContextSize;

    /// <summary>"GGUF template" or the llama.cpp template name used.</summary>
    public string Template => _model.TemplateFromModel ? "GGUF template" : _model.Template;

    public bool CanReadImages => _model.Projector is not null;

    public LocalModelStats Stats => _generations.Stats;

    internal int PeakRunning => _generations.PeakRunning;

    /// <summary>Loads a GGUF file (and its projector, when configured). Throws with a message that says what is wrong.</summary>
    public static GgufChatClient Load(string path, GgufEngineOptions? options = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= new GgufEngineOptions();
        var model = GgufModel.Load(options, path, logger ?? NullLogger.Instance);
        var name = !string.IsNullOrWhiteSpace(options.Name) ? options.Name : Path.GetFileNameWithoutExtension(path);
        return new GgufChatClient(model, options, name) { Device = options.GpuLayers > 0 ? $"GPU ({options.GpuLayers} layers)" : "CPU" };
    }

    /// <summary>The prompt text the model reads for <paramref name="messages"/>.</summary>
    public string RenderPrompt(IEnumerable<ChatMessage> messages, ChatOptions? options = null) => Render(messages, options, null);

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ObjectDisposedException.ThrowIf(_generations.IsClosing, this);
        var request = BuildRequest(messages, options);
        var updates = _generations.StreamAsync(this, Name, options?.ConversationId, (emit, ct) =>
        {
            var context = _model.RentContext();
            try
            {
                return GgufGenerator.Generate(_model, context, request, emit, ct);
            }
            finally
            {
                _model.ReturnContext(context);
            }
        }, cancellationToken);
        await foreach (var update in updates)
        {
            yield return update;
        }
    }

    private GgufRequest BuildRequest(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        var images = new List<ReadOnlyMemory<byte>>();
        var prompt = Render(messages, options, images);
        if (images.Count > 0 && _model.Projector is null)
        {
            throw new InvalidOperationException(NoProjectorMessage);
        }

        var penalty = options?.AdditionalProperties?.TryGetValue(OnnxChatClient.RepetitionPenaltyKey, out float p) == true ? p : 1f;
        var sampling = new GgufSampling(
            Math.Max(0f, options?.Temperature ?? 0.7f),
            options?.TopP ?? 0.95f,
            options?.TopK ?? 40,
            penalty,
            options?.Seed is { } seed ? unchecked((uint)seed) : null);
        var stops = options?.StopSequences?.Where(s => !string.IsNullOrEmpty(s)).ToList() ?? [];
        return new GgufRequest(prompt, images, sampling, Math.Max(1, options?.MaxOutputTokens ?? 512), stops);
    }

    private string Render(IEnumerable<ChatMessage> messages, ChatOptions? options, List<ReadOnlyMemory<byte>>? images)
    {
        var turns = new List<(string Role, string Content)>();
        foreach (var message in messages)
        {
            var text = new StringBuilder();
            foreach (var content in message.Contents)
            {
                switch (content)
                {
                    case TextContent t:
                        text.Append(t.Text.Replace(_mediaMarker, "", StringComparison.Ordinal)); // only images mark places
                        break;
                    case DataContent d when d.HasTopLevelMediaType("image"):
                        images?.Add(d.Data);
                        text.Append(_mediaMarker);
                        break;
                }
            }

            turns.Add((message.Role.Value, text.ToString()));
        }

        if (options?.AdditionalProperties?.TryGetValue(RawPromptKey, out bool raw) == true && raw)
        {
            return string.Concat(turns.Select(t => t.Content));
        }

        return _model.RenderPrompt(turns);
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
