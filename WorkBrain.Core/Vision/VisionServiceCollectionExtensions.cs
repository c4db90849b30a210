using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Vision.Classification;
using WorkBrain.Core.Vision.Imaging;
using WorkBrain.Core.Vision.Ocr;
using WorkBrain.Core.Vision.Video;

namespace WorkBrain.Core.Vision;

public static class VisionServiceCollectionExtensions
{
    /// <summary>The image_understanding and video_understanding experts, their models and options
    /// (sections ImageUnderstanding and VideoUnderstanding). Needs the engine registry (text) and ModelsOptions.</summary>
    public static IServiceCollection AddVision(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VisionOptions>().BindConfiguration(VisionOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<ImageLoader>();
        services.TryAddSingleton<OcrModels>();
        services.TryAddSingleton<ClassifierModel>();
        services.TryAddSingleton<ImageAnalyzer>();
        services.TryAddSingleton<FactPhraser>();
        services.TryAddSingleton<IVisionLanguageModel, RemoteVisionLanguageModel>();
        services.AddSingleton<IExpert, ImageUnderstandingExpert>();

        services.AddOptions<VideoOptions>().BindConfiguration(VideoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<FfmpegRunner>();
        services.AddSingleton<IExpert, VideoUnderstandingExpert>();
        services.AddSingleton<ICliCommand, SeeCliCommand>();
        return services;
    }
}
