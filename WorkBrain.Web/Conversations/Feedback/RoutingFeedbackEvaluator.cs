using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Gate.Evaluation;
using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Conversations.Feedback;

/// <summary>The gate measured on the routing feedback users gave: every "re-run on" choice is a request labelled with the
/// experts the user picked; the gate routes its text again and <see cref="GateEvaluation"/> compares the two, as
/// <c>route --eval</c> does for a file.</summary>
public sealed class RoutingFeedbackEvaluator(RoutingFeedbackReader reader, IGate gate, ExpertCatalog experts)
{
    public async Task<GateEvaluation> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var evaluation = new GateEvaluation(experts.All.Select(d => d.Id));
        await foreach (var feedback in reader.ReadAllAsync(cancellationToken))
        {
            var expected = feedback.Labels.Where(experts.IsKnown).ToList();
            if (expected.Count == 0)
            {
                continue;
            }

            var decision = await gate.RouteAsync(Turn.FromText(feedback.Text, "feedback", "feedback"), cancellationToken);
            evaluation.Add(feedback.Text, expected, decision.Selected.Select(s => s.Expert).ToList(), decision.Gate);
        }

        return evaluation;
    }
}
