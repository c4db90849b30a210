using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Speech.Tts;

#pragma warning disable MEAI001 // speech abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>Speech in and out: the asr and tts experts over the engine registry's speech engines — speech to text
    /// (types onnx, whispernet, openai) behind <see cref="ISpeechTranscriber"/> (for video too), text to speech (types
    /// espeak, piper, openai) behind <see cref="SpeechSynthesizer"/> — with the "Asr" and "Tts" short keys read as engines
    /// and their options bound and validated on start.</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AsrOptions>().BindConfiguration(AsrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TtsOptions>().BindConfiguration(TtsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddEngines();
        services.AddModelCatalog();
        services.AddEngineShorthand<AsrShorthand>();
        services.AddEngineFactory<WhisperOnnxEngineFactory>();
        services.AddEngineFactory<WhisperNetEngineFactory>();
        services.AddEngineFactory(OpenAiSpeechToText.Factory);
        services.TryAddSingleton<ISpeechTranscriber, SpeechTranscriber>();

        services.AddEngineShorthand<TtsShorthand>();
        services.AddEngineFactory<EspeakEngineFactory>();
        services.AddEngineFactory<PiperEngineFactory>();
        services.AddEngineFactory(OpenAiTextToSpeech.Factory);
        services.TryAddSingleton(sp => new SpeechSynthesizer(sp.GetRequiredService<SelectedEngine<ITextToSpeechClient>>()));
        services.TryAddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<SpeechSynthesizer>());

        services.AddSingleton<IExpert, AsrExpert>();
        services.AddSingleton<IExpert, TtsExpert>();
        return services;
    }
}
