using WorkBrain.Core.Events;

namespace WorkBrain.Core.Experts;

/// <summary>One specialised capability. Implementations stream events and never throw for a bad request:
/// they yield text the user can read, or throw an <see cref="ExpertException"/> the Brain turns into <see cref="ExpertFailed"/>.</summary>
public interface IExpert
{
    string Id { get; }

    /// <summary>What the expert can do right now, for the dashboard and the chat's banner.</summary>
    ExpertStatus GetStatus();

    IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, CancellationToken cancellationToken = default);
}
