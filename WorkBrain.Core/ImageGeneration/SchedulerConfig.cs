using System.Text.Json;
using System.Text.Json.Serialization;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The fields of diffusers' scheduler/scheduler_config.json that the schedulers use.</summary>
public sealed record SchedulerConfig
{
    [JsonPropertyName("_class_name")]
    public string ClassName { get; init; } = "EulerDiscreteScheduler";

    [JsonPropertyName("num_train_timesteps")]
    public int TrainTimesteps { get; init; } = 1000;

    [JsonPropertyName("beta_start")]
    public double BetaStart { get; init; } = 0.00085;

    [JsonPropertyName("beta_end")]
    public double BetaEnd { get; init; } = 0.012;

    [JsonPropertyName("beta_schedule")]
    public string BetaSchedule { get; init; } = "scaled_linear";

    /// <summary>"epsilon" or "v_prediction".</summary>
    [JsonPropertyName("prediction_type")]
    public string PredictionType { get; init; } = "epsilon";

    /// <summary>"leading", "trailing" or "linspace".</summary>
    [JsonPropertyName("timestep_spacing")]
    public string TimestepSpacing { get; init; } = "leading";

    [JsonPropertyName("steps_offset")]
    public int StepsOffset { get; init; }

    /// <summary>LCM: the step count the model was distilled from.</summary>
    [JsonPropertyName("original_inference_steps")]
    public int OriginalInferenceSteps { get; init; } = 50;

    public static SchedulerConfig Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize<SchedulerConfig>(File.ReadAllText(path)) ?? new SchedulerConfig()
        : new SchedulerConfig();

    /// <summary>ᾱ_t for t = 0 … N-1 from the beta schedule.</summary>
    public double[] AlphasCumulative()
    {
        var n = TrainTimesteps;
        var result = new double[n];
        var product = 1.0;
        for (var i = 0; i < n; i++)
        {
            var fraction = n == 1 ? 0 : (double)i / (n - 1);
            var beta = BetaSchedule switch
            {
                "linear" => BetaStart + ((BetaEnd - BetaStart) * fraction),
                "scaled_linear" => Math.Pow(Math.Sqrt(BetaStart) + ((Math.Sqrt(BetaEnd) - Math.Sqrt(BetaStart)) * fraction), 2),
                "squaredcos_cap_v2" => Math.Min(1 - (CosineAlpha((i + 1.0) / n) / CosineAlpha((double)i / n)), 0.999),
                _ => throw new NotSupportedException($"Beta schedule '{BetaSchedule}' is not supported."),
            };
            product *= 1 - beta;
            result[i] = product;
        }

        return result;
    }

    private static double CosineAlpha(double t) => Math.Pow(Math.Cos((t + 0.008) / 1.008 * Math.PI / 2), 2);
}
