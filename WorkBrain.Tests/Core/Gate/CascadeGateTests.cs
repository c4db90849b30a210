using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Gate;

public sealed class CascadeGateTests
{
    private sealed class FixedGate(string name, GateDecision decision) : IGate
    {
        public int Calls { get; private set; }

        public string Name => name;

        public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(decision);
        }
    }

    private static GateDecision Decision(string expert, string gate, bool unsure) =>
        GateDecision.Single(expert, "x", gate) with { Unsure = unsure };

    [Theory]
    [InlineData(false, true, "textcnn-gate", 0)]
    [InlineData(true, true, "planner", 1)]
    [InlineData(true, false, "textcnn-gate", 0)]
    public async Task RouteAsync_PlannerDecidesOnlyUnsureRequestsWhileATextModelIsAvailable(bool unsure, bool textModel, string decidedBy, int plannerCalls)
    {
        var fast = new FixedGate("textcnn-gate", Decision(ExpertIds.TextGeneration, "textcnn-gate", unsure));
        var planner = new FixedGate("planner", Decision(ExpertIds.ExternalServices, "planner", false));
        var cascade = new CascadeGate(fast, planner, () => textModel);

        var decision = await cascade.RouteAsync(Turn.FromText("你好 1"));

        Assert.Equal(decidedBy, decision.Gate);
        Assert.Equal(1, fast.Calls);
        Assert.Equal(plannerCalls, planner.Calls);
        Assert.Equal("textcnn-gate+planner", cascade.Name);
    }
}
