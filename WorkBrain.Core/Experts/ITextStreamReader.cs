using WorkBrain.Core.Events;

namespace WorkBrain.Core.Experts;

/// <summary>An expert that can work on another expert's text while it is still being written, e.g. tts speaking each
/// sentence as soon as it is complete instead of waiting for the whole answer.</summary>
public interface ITextStreamReader : IExpert
{
    /// <param name="request">The turn and this expert's instruction.</param>
    /// <param name="text">The text pieces as they are written; ends when the writer is done.</param>
    IAsyncEnumerable<BrainEvent> ReadAsync(ExpertRequest request, IAsyncEnumerable<string> text, CancellationToken cancellationToken = default);
}
