using WorkBrain.Core.Events;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Orchestration;

/// <summary>Answers a turn: routes it, runs the selected experts and streams their merged events.</summary>
public interface IBrain
{
    /// <param name="forcedExperts">When given, the gate is bypassed and these experts answer (re-run on a chosen expert).</param>
    IAsyncEnumerable<BrainEvent> AnswerAsync(Turn turn, IReadOnlyList<string>? forcedExperts = null, CancellationToken cancellationToken = default);
}
