using System.Runtime.CompilerServices;
using Whisper.net;

namespace WorkBrain.Core.Speech.WhisperNet;

/// <summary>A ggml model loaded by Whisper.net: each transcription builds its own processor from the shared factory.</summary>
internal sealed class WhisperFactoryModel(WhisperFactory factory) : IWhisperModel
{
    public async IAsyncEnumerable<WhisperSegment> TranscribeAsync(
        float[] samples, string language, int threads, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var builder = factory.CreateBuilder().WithLanguage(language);
        if (threads > 0)
        {
            builder = builder.WithThreads(threads);
        }

        await using var processor = builder.Build();
        await foreach (var segment in processor.ProcessAsync(samples, cancellationToken))
        {
            yield return new WhisperSegment(segment.Text, segment.Start, segment.End, segment.Language);
        }
    }

    public void Dispose() => factory.Dispose();
}
