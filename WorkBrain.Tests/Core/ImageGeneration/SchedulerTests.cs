using WorkBrain.Core.ImageGeneration;

namespace WorkBrain.Tests.Core.ImageGeneration;

public sealed class SchedulerTests
{
    private static readonly SchedulerConfig StableDiffusion = new() { TimestepSpacing = "leading", StepsOffset = 1 };

    [Fact]
    public void AlphasCumulative_ScaledLinear_MatchesStableDiffusionSigmaRange()
    {
        var alphas = StableDiffusion.AlphasCumulative();
        var sigmaMax = Math.Sqrt((1 - alphas[^1]) / alphas[^1]);
        var sigmaMin = Math.Sqrt((1 - alphas[0]) / alphas[0]);

        Assert.Equal(14.6146, sigmaMax, 3);
        Assert.Equal(0.029168, sigmaMin, 5);
    }

    [Theory]
    [InlineData("leading", 4, new double[] { 751, 501, 251, 1 })]
    [InlineData("trailing", 4, new double[] { 999, 749, 499, 249 })]
    [InlineData("trailing", 1, new double[] { 999 })]
    [InlineData("linspace", 3, new double[] { 999, 499.5, 0 })]
    public void Timesteps_Spacing_MatchesDiffusers(string spacing, int steps, double[] expected)
    {
        var scheduler = new EulerScheduler(StableDiffusion with { TimestepSpacing = spacing }, steps, ancestral: false);
        Assert.Equal(expected, scheduler.Timesteps);
    }

    [Fact]
    public void EulerStep_EpsilonPrediction_FollowsTheOde()
    {
        var scheduler = new EulerScheduler(StableDiffusion with { TimestepSpacing = "trailing" }, 2, ancestral: false);
        var sigma0 = scheduler.Sigmas[0];
        var sigma1 = scheduler.Sigmas[1];
        float[] sample = [1f, -2f];
        float[] eps = [0.5f, 0.25f];

        scheduler.Step(eps, 0, sample, new GaussianNoise(1));

        // x + ε·(σ₁ - σ₀): the derivative (x - x₀)/σ is ε for epsilon prediction.
        Assert.Equal(1 + (0.5 * (sigma1 - sigma0)), sample[0], 4);
        Assert.Equal(-2 + (0.25 * (sigma1 - sigma0)), sample[1], 4);
        Assert.Equal(sigma0, scheduler.InitNoiseSigma);
    }

    [Fact]
    public void EulerScaleModelInput_DividesBySqrtSigmaSquaredPlusOne()
    {
        var scheduler = new EulerScheduler(StableDiffusion, 1, ancestral: false);
        var sigma = scheduler.Sigmas[0];
        float[] latents = [2f];
        var scaled = new float[1];

        scheduler.ScaleModelInput(latents, 0, scaled);

        Assert.Equal(2 / Math.Sqrt((sigma * sigma) + 1), scaled[0], 5);
        Assert.Equal(Math.Sqrt((sigma * sigma) + 1), scheduler.InitNoiseSigma, 5); // leading spacing
    }

    [Fact]
    public void EulerAncestralStep_AddsSeededNoiseExceptOnTheLastStep()
    {
        var config = StableDiffusion with { TimestepSpacing = "trailing" };
        var a = new EulerScheduler(config, 2, ancestral: true);
        var plain = new EulerScheduler(config, 2, ancestral: false);
        float[] x1 = [1f];
        float[] x2 = [1f];
        float[] x3 = [1f];

        a.Step([0.5f], 0, x1, new GaussianNoise(7));
        a.Step([0.5f], 0, x2, new GaussianNoise(7));
        plain.Step([0.5f], 0, x3, new GaussianNoise(7));
        float[] last = [1f];
        a.Step([0.5f], 1, last, new GaussianNoise(7));

        Assert.Equal(x1, x2);
        Assert.NotEqual(x3[0], x1[0]);
        Assert.Equal(1 - (0.5 * a.Sigmas[1]), last[0], 4); // σ_next = 0: x - σ·ε, no noise
    }

    [Fact]
    public void Lcm_FourSteps_UsesDistilledTimestepsAndDenoisesOnLastStep()
    {
        var lcm = new LcmScheduler(StableDiffusion, 4);
        Assert.Equal([999, 759, 499, 259], lcm.Timesteps);

        var alphas = StableDiffusion.AlphasCumulative();
        float[] sample = [0.8f];
        lcm.Step([0.1f], 3, sample, new GaussianNoise(1));

        var a = alphas[259];
        var x0 = (0.8 - (Math.Sqrt(1 - a) * 0.1)) / Math.Sqrt(a);
        var scaled = 2590.0;
        var cSkip = 0.25 / ((scaled * scaled) + 0.25);
        var cOut = scaled / Math.Sqrt((scaled * scaled) + 0.25);
        Assert.Equal((cOut * x0) + (cSkip * 0.8), sample[0], 4);
    }

    [Fact]
    public void GaussianNoise_SameSeed_SameValuesWithUnitVariance()
    {
        var a = new float[20000];
        var b = new float[20000];
        new GaussianNoise(42).Fill(a);
        new GaussianNoise(42).Fill(b);

        Assert.Equal(a, b);
        Assert.Equal(0, a.Average(), 1);
        Assert.Equal(1, a.Select(v => v * v).Average(), 1);
    }
}
