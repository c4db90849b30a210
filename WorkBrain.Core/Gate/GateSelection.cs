using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>Turns per-expert probabilities into a decision: every expert above the threshold, the most probable first,
/// at most MaxExperts of them; text_generation when none passes.</summary>
internal static class GateSelection
{
    public static GateDecision Decide(
        ReadOnlySpan<float> scores, Func<string, string> instructionFor, GateOptions options, string gate, double elapsedMilliseconds)
    {
        var ids = ExpertIds.All;
        var dictionary = new Dictionary<string, float>(ids.Count, StringComparer.Ordinal);
        var order = new List<int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            dictionary[ids[i]] = scores[i];
            if (scores[i] > options.Threshold)
            {
                order.Add(i);
            }
        }

        var copy = scores.ToArray();
        order.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var selected = order.Take(options.MaxExperts)
            .Select(i => new ExpertSelection(ids[i], copy[i], instructionFor(ids[i])))
            .ToList();
        if (selected.Count == 0)
        {
            selected.Add(new ExpertSelection(ExpertIds.TextGeneration, scores[0], instructionFor(ExpertIds.TextGeneration)));
        }

        return new GateDecision(dictionary, selected, gate, elapsedMilliseconds);
    }
}
