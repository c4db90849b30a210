using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

#pragma warning disable MEAI001 // speech and image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Engines;

/// <summary>The one pipeline every engine's client goes through: logging (prompts only at Trace) and OpenTelemetry
/// (source <see cref="SourceName"/>). Tool calling is added by the expert that offers tools.</summary>
internal static class EnginePipeline
{
    public const string SourceName = "WorkBrain.Engines";

    public static TClient Wrap<TClient>(TClient client, IServiceProvider services, ILoggerFactory? loggers) where TClient : class
    {
        // Without a logger factory (bare test hosts) only telemetry is added.
        var log = loggers ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        return client switch
        {
            IChatClient chat => (TClient)new ChatClientBuilder(chat).UseLogging(log).UseOpenTelemetry(loggers, SourceName).Build(services),
            IEmbeddingGenerator<string, Embedding<float>> embeddings => (TClient)new EmbeddingGeneratorBuilder<string, Embedding<float>>(embeddings)
                .UseLogging(log).UseOpenTelemetry(loggers, SourceName).Build(services),
            ISpeechToTextClient stt => (TClient)new SpeechToTextClientBuilder(stt).UseLogging(log).UseOpenTelemetry(loggers, SourceName).Build(services),
            ITextToSpeechClient tts => (TClient)new TextToSpeechClientBuilder(tts).UseLogging(log).UseOpenTelemetry(loggers, SourceName).Build(services),
            IImageGenerator images => (TClient)new ImageGeneratorBuilder(images).UseLogging(log).UseOpenTelemetry(loggers, SourceName).Build(services),
            _ => client,
        };
    }
}
