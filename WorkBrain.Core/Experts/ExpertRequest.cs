using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Experts;

/// <summary>What one expert is asked to do within a turn.</summary>
/// <param name="Turn">The whole turn: history, attachments, session and user.</param>
/// <param name="Instruction">The sub-instruction the gate gave this expert.</param>
/// <param name="Inputs">Outputs of experts that ran earlier in the plan (e.g. the text that tts reads).</param>
public sealed record ExpertRequest(Turn Turn, string Instruction, IReadOnlyDictionary<string, string> Inputs)
{
    public static ExpertRequest For(Turn turn, string instruction) =>
        new(turn, instruction, new Dictionary<string, string>());
}
