using Microsoft.Extensions.AI;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // speech and image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Engines;

/// <summary>The five things a model can do for an expert, each reached through one Microsoft.Extensions.AI abstraction.
/// The capability names are the configuration section names under <c>Engines</c>.</summary>
public static class EngineCapability
{
    public const string Text = "Text";
    public const string Embeddings = "Embeddings";
    public const string SpeechToText = "SpeechToText";
    public const string TextToSpeech = "TextToSpeech";
    public const string Images = "Images";

    public static IReadOnlyList<string> All { get; } = [Text, Embeddings, SpeechToText, TextToSpeech, Images];

    /// <summary>The capability served by an abstraction, e.g. <see cref="IChatClient"/> → Text.</summary>
    public static string Of<TClient>() where TClient : class => Of(typeof(TClient));

    public static string Of(Type client) =>
        client == typeof(IChatClient) ? Text
        : client == typeof(IEmbeddingGenerator<string, Embedding<float>>) ? Embeddings
        : client == typeof(ISpeechToTextClient) ? SpeechToText
        : client == typeof(ITextToSpeechClient) ? TextToSpeech
        : client == typeof(IImageGenerator) ? Images
        : throw new ArgumentException($"{client.Name} is not an engine abstraction.", nameof(client));

    /// <summary>Words for messages: "No text model server configured".</summary>
    public static string Noun(string capability) => capability switch
    {
        Text => "text model",
        Embeddings => "embedding",
        SpeechToText => "speech recognition",
        TextToSpeech => "speech synthesis",
        Images => "image",
        _ => capability,
    };

    /// <summary>The expert whose status line an engine of this capability fills.</summary>
    public static string ExpertOf(string capability) => capability switch
    {
        Text => ExpertIds.TextGeneration,
        Embeddings => ExpertIds.DocumentQa,
        SpeechToText => ExpertIds.Asr,
        TextToSpeech => ExpertIds.Tts,
        Images => ExpertIds.ImageGeneration,
        _ => capability,
    };
}
