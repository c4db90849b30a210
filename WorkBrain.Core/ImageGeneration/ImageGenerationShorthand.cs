using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The image short keys (<see cref="ImageGenerationOptions"/>): <c>ImageGeneration:Endpoint/Model/ApiKey/TimeoutSeconds</c>
/// are the "remote" engine (type openai), <c>ImageGeneration:LocalModel/LocalModelPath/Scheduler/Threads</c> the "local"
/// one (type onnx), and <c>ImageGeneration:Backend</c> chooses: auto takes the server when an endpoint is set.</summary>
internal sealed class ImageGenerationShorthand : IEngineShorthand
{
    public string Capability => EngineCapability.Images;

    public string NotConfiguredDetail =>
        "No image engine: pull a Stable Diffusion model (dotnet run --project WorkBrain.Web -- models pull sd-turbo) or set ImageGeneration:Endpoint.";

    public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration)
    {
        var o = configuration.GetSection(ImageGenerationOptions.Section).Get<ImageGenerationOptions>() ?? new ImageGenerationOptions();
        var remote = ShortKeys.Section(ImageGenerationOptions.Section, new Dictionary<string, string?>
        {
            [nameof(RemoteEngineSettings.Endpoint)] = o.Endpoint,
            [nameof(RemoteEngineSettings.Model)] = o.Model,
            [nameof(RemoteEngineSettings.ApiKey)] = o.ApiKey,
            [nameof(RemoteEngineSettings.TimeoutSeconds)] = o.TimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        });
        var local = ShortKeys.Section(ImageGenerationOptions.Section, new Dictionary<string, string?>
        {
            [nameof(StableDiffusionEngineOptions.ModelName)] = o.LocalModel,
            [nameof(StableDiffusionEngineOptions.Path)] = o.LocalModelPath,
            [nameof(StableDiffusionEngineOptions.Scheduler)] = o.Scheduler,
            [nameof(StableDiffusionEngineOptions.Threads)] = o.Threads.ToString(CultureInfo.InvariantCulture),
            [nameof(StableDiffusionEngineOptions.PreviewEvery)] = o.PreviewEvery.ToString(CultureInfo.InvariantCulture),
        });
        return (
            [
                new EngineDefinition(Capability, BackendChoice.Remote, OpenAiEngineFactory<IImageGenerator>.TypeName, remote),
                new EngineDefinition(Capability, BackendChoice.Local, StableDiffusionEngineFactory.TypeName, local),
            ],
            BackendChoice.Resolve(o.Backend, o.HasRemote));
    }
}
