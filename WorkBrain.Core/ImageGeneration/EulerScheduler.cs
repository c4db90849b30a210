namespace WorkBrain.Core.ImageGeneration;

/// <summary>
/// diffusers' EulerDiscreteScheduler and, with <c>ancestral</c>, EulerAncestralDiscreteScheduler:
/// σ_t = √((1-ᾱ_t)/ᾱ_t) interpolated at the chosen timesteps, x₀ = x - σ·ε (or the v-prediction form),
/// x_next = x + (x - x₀)/σ · (σ_next - σ), with fresh noise σ_up for the ancestral variant.
/// </summary>
public sealed class EulerScheduler : IDiffusionScheduler
{
    private readonly double[] _sigmas;
    private readonly bool _ancestral;
    private readonly bool _vPrediction;

    public EulerScheduler(SchedulerConfig config, int steps, bool ancestral)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _ancestral = ancestral;
        _vPrediction = config.PredictionType == "v_prediction";
        var alphas = config.AlphasCumulative();
        var allSigmas = alphas.Select(a => Math.Sqrt((1 - a) / a)).ToArray();
        Timesteps = TimestepSpacing.For(config, steps);
        _sigmas = new double[steps + 1];
        for (var i = 0; i < steps; i++)
        {
            _sigmas[i] = Interpolate(allSigmas, Timesteps[i]);
        }

        _sigmas[steps] = 0;
        var max = _sigmas.Max();
        InitNoiseSigma = config.TimestepSpacing is "linspace" or "trailing" ? max : Math.Sqrt((max * max) + 1);
    }

    public IReadOnlyList<double> Timesteps { get; }

    public IReadOnlyList<double> Sigmas => _sigmas;

    public double InitNoiseSigma { get; }

    public void ScaleModelInput(Span<float> latents, int step, Span<float> destination)
    {
        var sigma = _sigmas[step];
        var scale = (float)(1 / Math.Sqrt((sigma * sigma) + 1));
        for (var i = 0; i < latents.Length; i++)
        {
            destination[i] = latents[i] * scale;
        }
    }

    public void Step(ReadOnlySpan<float> modelOutput, int step, Span<float> sample, GaussianNoise noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var sigma = _sigmas[step];
        var next = _sigmas[step + 1];
        double target = next;
        double up = 0;
        if (_ancestral)
        {
            up = Math.Sqrt(next * next * ((sigma * sigma) - (next * next)) / (sigma * sigma));
            target = Math.Sqrt((next * next) - (up * up));
        }

        var dt = target - sigma;
        var c = 1 / ((sigma * sigma) + 1);
        for (var i = 0; i < sample.Length; i++)
        {
            double x = sample[i];
            double e = modelOutput[i];
            var predicted = _vPrediction ? (e * (-sigma / Math.Sqrt((sigma * sigma) + 1))) + (x * c) : x - (sigma * e);
            var derivative = (x - predicted) / sigma;
            sample[i] = (float)(x + (derivative * dt));
        }

        if (up > 0)
        {
            for (var i = 0; i < sample.Length; i++)
            {
                sample[i] += (float)(noise.Next() * up);
            }
        }
    }

    private static double Interpolate(double[] values, double t)
    {
        var low = (int)Math.Floor(t);
        var high = Math.Min(low + 1, values.Length - 1);
        var w = t - low;
        return (values[low] * (1 - w)) + (values[high] * w);
    }
}
