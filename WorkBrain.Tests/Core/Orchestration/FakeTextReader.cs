using System.Runtime.CompilerServices;
using System.Text;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;

namespace WorkBrain.Tests.Core.Orchestration;

/// <summary>A tts-like expert that reads a text stream: one AudioReady per sentence ending in '.', named after it.</summary>
internal sealed class FakeTextReader(string id) : ITextStreamReader
{
    public string Id { get; } = id;

    public int Streams { get; private set; }

    public int Runs { get; private set; }

    public ExpertStatus GetStatus() => new(Id, ExpertState.Ready, "fake", "CPU", "");

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Runs++;
        await Task.Yield();
        yield return new AudioReady(Id, "whole");
    }

    public async IAsyncEnumerable<BrainEvent> ReadAsync(ExpertRequest request, IAsyncEnumerable<string> text, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Streams++;
        var sentence = new StringBuilder();
        await foreach (var piece in text.WithCancellation(cancellationToken))
        {
            sentence.Append(piece);
            if (piece.TrimEnd().EndsWith('.'))
            {
                yield return new AudioReady(Id, sentence.ToString().Trim());
                sentence.Clear();
            }
        }
    }
}
