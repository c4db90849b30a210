using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>The fast path for the clear majority: the trained gate decides, and only a request it is unsure of
/// (<see cref="GateDecision.Unsure"/>) goes to the planner gate, while a text model is available.</summary>
public sealed class CascadeGate(IGate fast, IGate planner, Func<bool> textModelAvailable) : IGate
{
    public string Name => fast.Name + "+planner";

    public async ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var decision = await fast.RouteAsync(turn, cancellationToken);
        return decision.Unsure && textModelAvailable() ? await planner.RouteAsync(turn, cancellationToken) : decision;
    }
}
