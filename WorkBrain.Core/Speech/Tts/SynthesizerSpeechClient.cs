using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Speech.Audio;

#pragma warning disable MEAI001 // ITextToSpeechClient is experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Speech.Tts;

/// <summary>An in-process voice (espeak-ng, Piper) as an <see cref="ITextToSpeechClient"/>: the speech as one WAV
/// <see cref="DataContent"/>, the decoded <see cref="AudioClip"/> as its raw representation (so that nothing is decoded twice).
/// It is the loaded model of its engine and owns the synthesizer: disposing it (unloading) frees the voices.</summary>
internal sealed class SynthesizerSpeechClient(ISpeechSynthesizer synthesizer, string providerName) : ITextToSpeechClient
{
    private readonly TextToSpeechClientMetadata _metadata = new(providerName);

    public ISpeechSynthesizer Synthesizer => synthesizer;

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var clip = await synthesizer.SynthesizeAsync(text, cancellationToken).ConfigureAwait(false);
        return new TextToSpeechResponse([new DataContent(WavFile.Write(clip), "audio/wav")])
        {
            ModelId = providerName,
            RawRepresentation = clip,
        };
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false)).ToTextToSpeechResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(TextToSpeechClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose() => (synthesizer as IDisposable)?.Dispose();
}
