using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.WhisperNet;

#pragma warning disable MEAI001 // ISpeechToTextClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Asr;

/// <summary>The speech-recognition short keys: <c>Asr:Endpoint/Model/ApiKey</c> are the "remote" engine (type openai),
/// <c>Asr:LocalModel</c> and the other <c>Asr</c> keys the "local" one (type onnx), and <c>Asr:Backend</c> chooses
/// (auto takes the server when an endpoint is set).</summary>
internal sealed class AsrShorthand : IEngineShorthand
{
    public string Capability => EngineCapability.SpeechToText;

    public string NotConfiguredDetail =>
        "No speech recognition configured: put a Whisper ONNX export at Asr:LocalModel, set Asr:Endpoint to a /v1/audio/transcriptions server, or add an engine under Engines:SpeechToText.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(AsrOptions.Section);
        return (
            [
                new EngineDefinition(Capability, BackendChoice.Remote, OpenAiEngineFactory<ISpeechToTextClient>.TypeName, section),
                new EngineDefinition(Capability, BackendChoice.Local, WhisperOnnxEngineFactory.TypeName, section),
            ],
            BackendChoice.Resolve(section["Backend"], !string.IsNullOrWhiteSpace(section["Endpoint"])));
    }
}

/// <summary>Type "onnx" for speech to text: a Whisper ONNX export (<see cref="AsrOptions"/> keys: LocalModel, VadModel,
/// Language, Threads, …).</summary>
internal sealed class WhisperOnnxEngineFactory : IEngineFactory
{
    public const string TypeName = "onnx";

    public string Capability => EngineCapability.SpeechToText;

    public string Type => TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services) => new WhisperOnnxEngine(definition, new WhisperTranscriber(
        Options.Create(definition.Bind<AsrOptions>()),
        services.GetRequiredService<IOptions<ModelsOptions>>(),
        services.GetService<ILogger<WhisperTranscriber>>() ?? NullLogger<WhisperTranscriber>.Instance,
        services.GetService<OnnxSessionFactory>()));
}

/// <summary>Type "whispernet" for speech to text: a whisper.cpp ggml model (<see cref="WhisperNetEngineOptions"/>).</summary>
internal sealed class WhisperNetEngineFactory : IEngineFactory
{
    public const string TypeName = "whispernet";

    public string Capability => EngineCapability.SpeechToText;

    public string Type => TypeName;

    public IEngine Create(EngineDefinition definition, IServiceProvider services) => new WhisperNetEngine(
        definition,
        definition.Bind<WhisperNetEngineOptions>(),
        services.GetRequiredService<IOptions<ModelsOptions>>().Value,
        services.GetService<ModelCatalog>(),
        (ILogger?)services.GetService<ILoggerFactory>()?.CreateLogger<WhisperNetEngine>() ?? NullLogger.Instance);
}

/// <summary>Type "openai" for speech to text: an OpenAI-compatible <c>/audio/transcriptions</c> server through the SDK's
/// <c>AsISpeechToTextClient</c>, asked for timed segments. Without a model name it asks for "whisper-1".</summary>
internal static class OpenAiSpeechToText
{
    public const string DefaultModel = "whisper-1";

    public static OpenAiEngineFactory<ISpeechToTextClient> Factory { get; } = new(
        (client, model) => new TimedTranscriptionClient(client.GetAudioClient(string.IsNullOrWhiteSpace(model) ? DefaultModel : model).AsISpeechToTextClient()),
        needsModel: false);
}
