using WorkBrain.Core.Gate;
using WorkBrain.Core.Gate.Evaluation;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

/// <summary>The committed gate on models/gate/eval/independent.jsonl (hand-written requests, never trained or tuned on)
/// does not fall below what it measured when it was committed (exact-set accuracy 0.969, macro-F1 0.988, lowest expert
/// F1 0.967, trained on data without near copies of the set): issue 15's targets (0.95, 0.97, every expert 0.93).</summary>
public sealed class IndependentSetTests(TrainedGate trained) : IClassFixture<TrainedGate>
{
    [Fact]
    public async Task CommittedGate_OnTheIndependentSet_StaysAtItsMeasuredFigures()
    {
        var path = Path.Combine(TestModels.RepositoryRoot, "models", "gate", "eval", "independent.jsonl");
        var evaluation = new GateEvaluation();
        using var reader = new StreamReader(path);
        await foreach (var request in GateEvalFile.ReadAsync(reader, path))
        {
            var decision = await trained.Gate.RouteAsync(Turn.FromText(request.Text));
            evaluation.Add(request.Text, request.Experts, decision.Selected.Select(s => s.Expert).ToList(), decision.Gate);
        }

        var report = new StringWriter();
        evaluation.WriteReport(report, maxMisrouted: 40);
        Assert.True(evaluation.Count >= 600, report.ToString());
        Assert.True(evaluation.MultiExpert >= 150, report.ToString());
        Assert.True(evaluation.ExactSetAccuracy >= 0.965, report.ToString());
        Assert.True(evaluation.MacroF1 >= 0.985, report.ToString());
        Assert.All(evaluation.PerExpert(), e => Assert.True(e.F1 >= 0.96, $"{e.Expert} F1 {e.F1:0.000}\n{report}"));
    }
}
