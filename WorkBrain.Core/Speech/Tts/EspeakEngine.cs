using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>Engine type "espeak": espeak-ng with a Mandarin and an English voice (<see cref="TtsOptions"/> keys). It has no
/// weights to pull; loading checks that the program runs, so /admin shows it as loaded or says what to install.</summary>
internal sealed class EspeakEngine(EngineDefinition definition, TtsOptions options, ModelCatalog catalog, IOptions<ModelsOptions> models, ILogger<EspeakEngine> logger)
    : LocalEngine<ITextToSpeechClient, SynthesizerSpeechClient>(definition, catalog, models, logger)
{
    public const string Name = "espeak-ng";

    private readonly EspeakSynthesizer _probe = new(Options.Create(options));

    public override string? ManifestEntry => null;

    public override string ModelName => Name;

    protected override string Backend => Name;

    protected override string RequestedDevice => "CPU";

    protected override ExpertStatus LoadedStatus(SynthesizerSpeechClient loaded) =>
        Status(ExpertState.Ready, "CPU", loaded.Synthesizer.GetStatus().Detail);

    protected override ExpertStatus IdleStatus() => _probe.GetStatus() is { IsAvailable: true } ready
        ? Status(ExpertState.Ready, RequestedDevice, $"{ready.Detail}; loads on first use")
        : Status(ExpertState.NotConfigured, "", _probe.GetStatus().Detail);

    protected override Task<Func<SynthesizerSpeechClient>?> PrepareAsync(CancellationToken cancellationToken)
    {
        // A fresh synthesizer checks again that espeak-ng runs (it may have been installed or removed meanwhile).
        var espeak = new EspeakSynthesizer(Options.Create(options));
        return Task.FromResult<Func<SynthesizerSpeechClient>?>(espeak.GetStatus().IsAvailable ? () => new SynthesizerSpeechClient(espeak, Definition.Type) : null);
    }
}

/// <summary>Type "espeak": <see cref="EspeakEngine"/> from <see cref="TtsOptions"/>.</summary>
internal sealed class EspeakEngineFactory() : LocalEngineFactory<EspeakEngine, TtsOptions>(EngineCapability.TextToSpeech, TypeName)
{
    public const string TypeName = "espeak";
}
