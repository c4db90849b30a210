using Microsoft.Extensions.AI;
using AiImageOptions = Microsoft.Extensions.AI.ImageGenerationOptions;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

/// <summary>What an image request carries beyond <see cref="AiImageOptions"/>, in its
/// <see cref="AiImageOptions.AdditionalProperties"/>: the settings diffusion engines take (servers ignore them)
/// and where the in-process engine reports each step.</summary>
public static class ImageGenerationProperties
{
    public const string Seed = "seed";
    public const string Steps = "steps";
    public const string Guidance = "guidance";
    public const string NegativePrompt = "negative_prompt";
    public const string Progress = "workbrain_progress";

    /// <summary>The options for <paramref name="request"/>: its size, image data back, its diffusion settings, and
    /// <paramref name="progress"/> for the steps.</summary>
    public static AiImageOptions For(ImageRequest request, DiffusionProgressSink? progress = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var properties = new AdditionalPropertiesDictionary
        {
            [Seed] = request.Seed,
            [Steps] = request.Steps,
            [Guidance] = request.Guidance,
        };
        if (!string.IsNullOrWhiteSpace(request.NegativePrompt))
        {
            properties[NegativePrompt] = request.NegativePrompt;
        }

        if (progress is not null)
        {
            properties[Progress] = progress;
        }

        return new AiImageOptions
        {
            Count = 1,
            ImageSize = new System.Drawing.Size(request.Width, request.Height),
            ResponseFormat = ImageGenerationResponseFormat.Data,
            AdditionalProperties = properties,
        };
    }

    /// <summary>The request an in-process engine runs, from a prompt and options (<paramref name="defaults"/> fill gaps).</summary>
    public static ImageRequest ToRequest(string prompt, AiImageOptions? options, ImageRequest defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var p = options?.AdditionalProperties;
        return new ImageRequest(
            prompt,
            p?.TryGetValue(NegativePrompt, out string? negative) == true ? negative : defaults.NegativePrompt,
            options?.ImageSize?.Width ?? defaults.Width,
            options?.ImageSize?.Height ?? defaults.Height,
            p?.TryGetValue(Steps, out int steps) == true ? steps : defaults.Steps,
            p?.TryGetValue(Guidance, out double guidance) == true ? guidance : defaults.Guidance,
            p?.TryGetValue(Seed, out long seed) == true ? seed : defaults.Seed);
    }
}

/// <summary>Receives each finished diffusion step. It has no state to log: request logging at Trace writes it as {}.</summary>
public sealed class DiffusionProgressSink(Action<DiffusionProgress> report)
{
    public void Report(DiffusionProgress progress) => report(progress);
}
