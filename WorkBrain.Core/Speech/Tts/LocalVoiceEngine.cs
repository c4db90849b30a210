using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Speech.Audio;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>An in-process voice (engine types "espeak" and "piper") as a text-to-speech engine.</summary>
internal sealed class LocalVoiceEngine(EngineDefinition definition, ISpeechSynthesizer synthesizer) : IEngine<ITextToSpeechClient>, IDisposable
{
    private readonly SynthesizerSpeechClient _client = new(synthesizer, definition.Type);

    public EngineDefinition Definition => definition;

    public bool InProcess => true;

    public ExpertStatus GetStatus() => synthesizer.GetStatus();

    public ValueTask<ITextToSpeechClient?> GetClientAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ITextToSpeechClient?>(synthesizer.GetStatus().IsAvailable ? _client : null);

    public void Dispose() => (synthesizer as IDisposable)?.Dispose();
}

/// <summary>Piper for the languages it has a voice for and espeak-ng for the others (and for everything while no Piper
/// voice is pulled): the "piper" engine unless its Backend says "piper" only.</summary>
internal sealed class PiperWithEspeak(PiperSynthesizer piper, EspeakSynthesizer espeak) : ISpeechSynthesizer, IDisposable
{
    public ExpertStatus GetStatus() => piper.AvailableVoices.Count > 0
        ? piper.GetStatus() with { Detail = piper.GetStatus().Detail + "; espeak-ng for other languages" }
        : espeak.GetStatus();

    public Task<AudioClip> SynthesizeAsync(string text, CancellationToken cancellationToken = default) =>
        piper.VoiceFor(text) is not null ? piper.SynthesizeAsync(text, cancellationToken) : espeak.SynthesizeAsync(text, cancellationToken);

    public void Dispose() => piper.Dispose();
}
