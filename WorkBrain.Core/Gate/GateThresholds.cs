using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>Each expert's threshold, in <see cref="ExpertIds.All"/> order: Gate:Thresholds:&lt;id&gt; when set, else the
/// one calibrated on the dev split and stored in gate.json (unless Gate:UseCalibratedThresholds is false), else
/// Gate:Threshold.</summary>
internal static class GateThresholds
{
    public static float[] For(GateModelConfig? model, GateOptions options)
    {
        var thresholds = new float[ExpertIds.All.Count];
        for (var i = 0; i < thresholds.Length; i++)
        {
            var id = ExpertIds.All[i];
            thresholds[i] = options.Thresholds.TryGetValue(id, out var configured) ? configured
                : options.UseCalibratedThresholds && model?.Thresholds is { } calibrated && calibrated.TryGetValue(id, out var fromModel) ? fromModel
                : options.Threshold;
        }

        return thresholds;
    }

    /// <summary>The probability text_generation needs (for the whole request) to stay beside a specialist when no clause of
    /// the request is its own.</summary>
    public static float Join(GateModelConfig? model, GateOptions options) =>
        options.UseCalibratedThresholds && model?.JoinThreshold is { } join ? join : options.Threshold;

    public static float[] Uniform(float threshold) => Enumerable.Repeat(threshold, ExpertIds.All.Count).ToArray();
}
