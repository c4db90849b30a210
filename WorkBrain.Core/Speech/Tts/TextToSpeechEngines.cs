using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Models;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>The speech-synthesis short keys: <c>Tts:Endpoint/Model/Voice/ApiKey</c> are the "remote" engine (type openai),
/// <c>Tts:PiperVoices</c> the "piper" one, the espeak-ng keys the "espeak" one; <c>Tts:Backend</c> chooses, and auto takes
/// the server when an endpoint is set, else Piper with espeak-ng for the languages it has no voice for.</summary>
internal sealed class TtsShorthand : IEngineShorthand
{
    public const string Remote = "remote";
    public const string Piper = "piper";
    public const string Espeak = "espeak";

    public string Capability => EngineCapability.TextToSpeech;

    public string NotConfiguredDetail => "No speech synthesis configured: install espeak-ng, pull a Piper voice (Tts:PiperVoices), or set Tts:Endpoint to a /v1/audio/speech server.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(TtsOptions.Section);
        var backend = section["Backend"] ?? "auto";
        return (
            [
                new EngineDefinition(Capability, Remote, OpenAiTextToSpeech.Factory.Type, section),
                new EngineDefinition(Capability, Piper, PiperEngineFactory.TypeName, section),
                new EngineDefinition(Capability, Espeak, EspeakEngineFactory.TypeName, section),
            ],
            backend is Remote or Piper or Espeak ? backend : !string.IsNullOrWhiteSpace(section["Endpoint"]) ? Remote : Piper);
    }
}

/// <summary>Type "openai" for speech synthesis: an OpenAI-compatible <c>/audio/speech</c> server through the SDK's
/// <c>AsITextToSpeechClient</c>; the section's <c>Voice</c> (default alloy) and WAV unless the caller asks otherwise.</summary>
internal static class OpenAiTextToSpeech
{
    public const string DefaultModel = "tts-1";

    public static IEngineFactory Factory { get; } = new VoiceFactory();

    private sealed class VoiceFactory : IEngineFactory
    {
        public string Capability => EngineCapability.TextToSpeech;

        public string Type => OpenAiEngineFactory<ITextToSpeechClient>.TypeName;

        public IEngine Create(EngineDefinition definition, IServiceProvider services)
        {
            ArgumentNullException.ThrowIfNull(definition);
            var voice = definition.Settings["Voice"] is { Length: > 0 } v ? v : "alloy";
            return new OpenAiEngineFactory<ITextToSpeechClient>(
                (client, model) => new SpeechDefaults(client.GetAudioClient(string.IsNullOrWhiteSpace(model) ? DefaultModel : model).AsITextToSpeechClient(), voice),
                needsModel: false).Create(definition, services);
        }
    }

    private sealed class SpeechDefaults(ITextToSpeechClient inner, string voice) : DelegatingTextToSpeechClient(inner)
    {
        public override Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
            base.GetAudioAsync(text, WithDefaults(options), cancellationToken);

        public override IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
            base.GetStreamingAudioAsync(text, WithDefaults(options), cancellationToken);

        private TextToSpeechOptions WithDefaults(TextToSpeechOptions? options)
        {
            var o = options?.Clone() ?? new TextToSpeechOptions();
            o.VoiceId ??= voice;
            o.AudioFormat ??= "wav";
            return o;
        }
    }
}
