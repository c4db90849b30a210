namespace WorkBrain.Core.ImageGeneration;

/// <summary>A sampler: which timesteps to visit and how to move the latents from one to the next.</summary>
public interface IDiffusionScheduler
{
    /// <summary>The timesteps the UNet is asked about, in order.</summary>
    IReadOnlyList<double> Timesteps { get; }

    /// <summary>The scale of the starting noise.</summary>
    double InitNoiseSigma { get; }

    /// <summary>Scales the latents before they go into the UNet at step <paramref name="step"/>.</summary>
    void ScaleModelInput(Span<float> latents, int step, Span<float> destination);

    /// <summary>Moves <paramref name="sample"/> in place from step <paramref name="step"/> to the next, given the UNet's output.</summary>
    void Step(ReadOnlySpan<float> modelOutput, int step, Span<float> sample, GaussianNoise noise);
}
