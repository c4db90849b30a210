using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.ImageGeneration;

public static class ImageGenerationExtensions
{
    /// <summary>The image_generation expert: local ONNX Stable Diffusion and an OpenAI images API remote, bound to "ImageGeneration".</summary>
    public static IServiceCollection AddImageGeneration(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ImageGenerationOptions>().BindConfiguration(ImageGenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IImageEngine, LocalImageEngine>();
        services.AddSingleton<IImageEngine, RemoteImageEngine>();
        services.TryAddSingleton<ImageEngineSelector>();
        services.AddSingleton<IExpert, ImageGenerationExpert>();
        return services;
    }
}
