using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary>Evidence for an expert found outside the text and the attachments (e.g. a strong match in the user's document
/// library). <see cref="OnnxGate"/> asks for it only when the text alone would be answered from general knowledge or tools
/// (text_generation, external_services) and no document is attached.</summary>
public interface IGateEvidence
{
    ValueTask<IReadOnlyList<GateEvidence>> FindAsync(Turn turn, CancellationToken cancellationToken = default);
}

/// <summary>How strongly (0..1, combined with the network's probability as a noisy-or) something points at an expert, and why.</summary>
public sealed record GateEvidence(string Expert, float Strength, string Reason);
