using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Asr;
using WorkBrain.Core.Speech.Tts;

namespace WorkBrain.Core.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>Speech in and out: the asr and tts experts, <see cref="ISpeechTranscriber"/> (local Whisper or a remote
    /// server, for video too) and <see cref="SpeechSynthesizer"/> (espeak-ng, Piper or a remote server), with the "Asr" and
    /// "Tts" options bound and validated on start.</summary>
    public static IServiceCollection AddSpeech(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<AsrOptions>().BindConfiguration(AsrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TtsOptions>().BindConfiguration(TtsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<WhisperTranscriber>();
        services.TryAddSingleton<RemoteTranscriber>();
        services.TryAddSingleton<ISpeechTranscriber, SpeechTranscriber>();

        services.TryAddSingleton<EspeakSynthesizer>();
        services.TryAddSingleton<PiperSynthesizer>();
        services.TryAddSingleton<RemoteSpeechSynthesizer>();
        services.TryAddSingleton(sp => new SpeechSynthesizer(
            sp.GetRequiredService<IOptions<TtsOptions>>(),
            sp.GetRequiredService<EspeakSynthesizer>(),
            sp.GetRequiredService<PiperSynthesizer>(),
            sp.GetRequiredService<RemoteSpeechSynthesizer>()));
        services.TryAddSingleton<ISpeechSynthesizer>(sp => sp.GetRequiredService<SpeechSynthesizer>());

        services.AddSingleton<IExpert, AsrExpert>();
        services.AddSingleton<IExpert, TtsExpert>();
        return services;
    }
}
