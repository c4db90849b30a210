using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>One expert the gate selected, with its probability and its own sub-instruction.</summary>
public sealed record ExpertSelection(string Expert, float Probability, string Instruction);

/// <summary>The gate's output for one turn: every expert's probability and the selected ones.</summary>
public sealed record GateDecision(
    IReadOnlyDictionary<string, float> Scores,
    IReadOnlyList<ExpertSelection> Selected,
    string Gate,
    double ElapsedMilliseconds)
{
    /// <summary>Some expert's probability was close to its threshold (see <see cref="GateOptions.UnsureMargin"/>).</summary>
    public bool Unsure { get; init; }

    public bool Selects(string expert) => Selected.Any(s => s.Expert == expert);

    public static GateDecision Single(string expert, string instruction, string gate)
    {
        var scores = ExpertIds.All.ToDictionary(id => id, id => id == expert ? 1f : 0f);
        return new GateDecision(scores, [new ExpertSelection(expert, 1f, instruction)], gate, 0);
    }
}
