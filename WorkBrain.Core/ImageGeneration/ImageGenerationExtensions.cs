using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

public static class ImageGenerationExtensions
{
    /// <summary>The image_generation expert and its Images engine types: in-process ONNX Stable Diffusion ("onnx") and an
    /// OpenAI-compatible images API ("openai"); the keys under "ImageGeneration" are their shorthand.</summary>
    public static IServiceCollection AddImageGeneration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ImageGenerationOptions>().BindConfiguration(ImageGenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddEngines();
        services.AddEngineShorthand<ImageGenerationShorthand>();
        services.AddEngineFactory<StableDiffusionEngineFactory>();
        // Without a model name the server's default applies; OpenAI's images API defaults to dall-e-2 when none is sent.
        services.AddEngineFactory(new OpenAiEngineFactory<IImageGenerator>(
            (client, model) => client.GetImageClient(string.IsNullOrWhiteSpace(model) ? "dall-e-2" : model).AsIImageGenerator(), needsModel: false));
        services.AddSingleton<IExpert, ImageGenerationExpert>();
        return services;
    }
}
