using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>The gate of last resort, used when no gate model is configured: every request goes to text_generation,
/// which is also what the trained gate does when no expert passes the threshold.</summary>
public sealed class TextOnlyGate : IGate
{
    public string Name => "text-only";

    public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(GateDecision.Single(ExpertIds.TextGeneration, turn.Text, Name));
}
