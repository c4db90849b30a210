using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Engines;

/// <summary>One model backend of one capability, built by an <see cref="IEngineFactory"/> from its definition.</summary>
public interface IEngine
{
    EngineDefinition Definition { get; }

    /// <summary>True for engines that run in this process (they take a conversation id to keep one generation per
    /// conversation at a time); false for servers.</summary>
    bool InProcess { get; }

    /// <summary>State, backend, the device it really runs on, and what it needs, for the dashboard and the chat.</summary>
    ExpertStatus GetStatus();
}

/// <summary>An engine that hands out a Microsoft.Extensions.AI client (<c>IChatClient</c>, <c>IEmbeddingGenerator</c>,
/// <c>ISpeechToTextClient</c>, <c>ITextToSpeechClient</c>, <c>IImageGenerator</c>).</summary>
public interface IEngine<TClient> : IEngine where TClient : class
{
    /// <summary>The client, loading (and pulling, where allowed) the model first; null when the engine has nothing to
    /// offer yet (<see cref="IEngine.GetStatus"/> says why). Throws <see cref="ExpertException"/> when loading fails.</summary>
    ValueTask<TClient?> GetClientAsync(CancellationToken cancellationToken = default);
}

/// <summary>An in-process engine whose model /admin can load and unload, and whose manifest entry it can pull.</summary>
public interface ILocalEngine : IEngine
{
    /// <summary>The models.json entry it loads, or null for a model given by path.</summary>
    string? ManifestEntry { get; }

    bool IsLoaded { get; }

    /// <summary>Every model it loads together (manifest entries where they are one): its rows on /admin.</summary>
    IReadOnlyList<string> ModelNames => GetStatus().Model is { } model ? [model] : [];

    /// <summary>Loads the model now (pulling it first when Models:PullOnFirstUse allows it).</summary>
    Task LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Frees the model once its running requests end; the next request loads it again.</summary>
    Task UnloadAsync(CancellationToken cancellationToken = default);
}
