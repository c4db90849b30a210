namespace WorkBrain.Core.ImageGeneration;

/// <summary>diffusers' timestep_spacing: which of the N training timesteps a k-step sampling visits, from noisy to clean.</summary>
internal static class TimestepSpacing
{
    public static double[] For(SchedulerConfig config, int steps)
    {
        var n = config.TrainTimesteps;
        var result = new double[steps];
        switch (config.TimestepSpacing)
        {
            case "linspace":
                for (var i = 0; i < steps; i++)
                {
                    result[steps - 1 - i] = steps == 1 ? 0 : (n - 1) * (double)i / (steps - 1);
                }

                break;
            case "trailing":
                {
                    var ratio = (double)n / steps;
                    for (var i = 0; i < steps; i++)
                    {
                        result[i] = Math.Round(n - (i * ratio)) - 1;
                    }

                    break;
                }

            default:
                {
                    var ratio = n / steps;
                    for (var i = 0; i < steps; i++)
                    {
                        result[steps - 1 - i] = Math.Min((i * ratio) + config.StepsOffset, n - 1);
                    }

                    break;
                }
        }

        return result;
    }
}
