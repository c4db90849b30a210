using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>Turns per-expert probabilities into a decision: every expert above its own threshold, the most probable
/// first, at most MaxExperts of them; text_generation beside a specialist only when <c>keepText</c> says some part of
/// the request asks for writing; text_generation when none passes.</summary>
internal static class GateSelection
{
    public static GateDecision Decide(
        ReadOnlySpan<float> scores, ReadOnlySpan<float> thresholds, Func<string, string> instructionFor, int maxExperts,
        bool keepText, string gate, double elapsedMilliseconds)
    {
        var ids = ExpertIds.All;
        var dictionary = new Dictionary<string, float>(ids.Count, StringComparer.Ordinal);
        var order = new List<int>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            dictionary[ids[i]] = scores[i];
            if (scores[i] > thresholds[i])
            {
                order.Add(i);
            }
        }

        if (!keepText && order.Count > 1)
        {
            order.Remove(0);
        }

        var copy = scores.ToArray();
        order.Sort((a, b) => copy[b].CompareTo(copy[a]) is var c && c != 0 ? c : a.CompareTo(b));
        var selected = order.Take(maxExperts)
            .Select(i => new ExpertSelection(ids[i], copy[i], instructionFor(ids[i])))
            .ToList();
        if (selected.Count == 0)
        {
            selected.Add(new ExpertSelection(ExpertIds.TextGeneration, scores[0], instructionFor(ExpertIds.TextGeneration)));
        }

        return new GateDecision(dictionary, selected, gate, elapsedMilliseconds);
    }

    /// <summary>Some probability within <paramref name="margin"/> of its expert's threshold: the decision could go either way.</summary>
    public static bool IsUnsure(ReadOnlySpan<float> scores, ReadOnlySpan<float> thresholds, float margin)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            if (MathF.Abs(scores[i] - thresholds[i]) < margin)
            {
                return true;
            }
        }

        return false;
    }
}
