using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>Reads a turn and decides which experts answer it, each with its own instruction.</summary>
public interface IGate
{
    string Name { get; }

    ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default);
}
