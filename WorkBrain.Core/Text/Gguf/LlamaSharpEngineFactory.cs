using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace WorkBrain.Core.Text.Gguf;

/// <summary>The LLamaSharp engines, for whatever registers engines: a GGUF chat model and a GGUF embedding model.</summary>
public static class LlamaSharpEngineFactory
{
    /// <summary>Loads <see cref="GgufEngineOptions.Path"/> as a chat client (with its projector, when set).</summary>
    public static GgufChatClient CreateChatClient(GgufEngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GgufChatClient.Load(RequirePath(options), options, logger);
    }

    /// <summary>Loads <see cref="GgufEngineOptions.Path"/> as an embedding generator.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(GgufEngineOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GgufEmbeddingGenerator.Load(RequirePath(options), options, logger);
    }

    private static string RequirePath(GgufEngineOptions options) =>
        string.IsNullOrWhiteSpace(options.Path)
            ? throw new ArgumentException("A GGUF engine needs the path of its .gguf file (Path).", nameof(options))
            : options.Path;
}
