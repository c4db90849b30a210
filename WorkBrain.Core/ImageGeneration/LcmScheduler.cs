namespace WorkBrain.Core.ImageGeneration;

/// <summary>
/// diffusers' LCMScheduler: timesteps skipped through the distillation schedule, each step predicts x₀ with the
/// consistency boundary conditions (c_skip, c_out at timestep scale 10, σ_data 0.5) and re-noises it to the next timestep.
/// </summary>
public sealed class LcmScheduler : IDiffusionScheduler
{
    private const double SigmaData = 0.5;
    private const double TimestepScaling = 10;
    private readonly double[] _alphas;

    public LcmScheduler(SchedulerConfig config, int steps)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        _alphas = config.AlphasCumulative();
        var original = Math.Max(steps, config.OriginalInferenceSteps);
        var c = config.TrainTimesteps / original;
        var origin = Enumerable.Range(1, original).Select(i => (i * c) - 1).Reverse().ToArray();
        // Evenly spaced indices into the distillation schedule: floor(linspace(0, len, steps, endpoint=False)).
        Timesteps = Enumerable.Range(0, steps).Select(i => (double)origin[(int)Math.Floor((double)i * origin.Length / steps)]).ToArray();
    }

    public IReadOnlyList<double> Timesteps { get; }

    public double InitNoiseSigma => 1;

    public void ScaleModelInput(Span<float> latents, int step, Span<float> destination) => latents.CopyTo(destination);

    public void Step(ReadOnlySpan<float> modelOutput, int step, Span<float> sample, GaussianNoise noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        var t = Timesteps[step];
        var last = step == Timesteps.Count - 1;
        var alpha = _alphas[(int)t];
        var alphaNext = last ? 1.0 : _alphas[(int)Timesteps[step + 1]];
        var scaled = t * TimestepScaling;
        var cSkip = SigmaData * SigmaData / ((scaled * scaled) + (SigmaData * SigmaData));
        var cOut = scaled / Math.Sqrt((scaled * scaled) + (SigmaData * SigmaData));
        var sqrtAlpha = Math.Sqrt(alpha);
        var sqrtOneMinus = Math.Sqrt(1 - alpha);
        for (var i = 0; i < sample.Length; i++)
        {
            var x0 = (sample[i] - (sqrtOneMinus * modelOutput[i])) / sqrtAlpha;
            var denoised = (cOut * x0) + (cSkip * sample[i]);
            sample[i] = (float)(last ? denoised : (Math.Sqrt(alphaNext) * denoised) + (Math.Sqrt(1 - alphaNext) * noise.Next()));
        }
    }
}
