using Microsoft.Extensions.AI;
using AiImageOptions = Microsoft.Extensions.AI.ImageGenerationOptions;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

/// <summary>The loaded ONNX Stable Diffusion pipeline as an <see cref="IImageGenerator"/>: one PNG per request, one
/// request at a time, each step reported to the request's <see cref="DiffusionProgressSink"/> (with a preview every
/// <paramref name="previewEvery"/> steps; 0 for none).</summary>
public sealed class StableDiffusionImageGenerator(StableDiffusionPipeline pipeline, string scheduler, string name, int previewEvery = 1) : IImageGenerator
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ImageGeneratorMetadata _metadata = new("workbrain-onnx", null, name);

    public string Device => pipeline.Device;

    public string Directory => pipeline.Directory;

    public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, AiImageOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new ArgumentException("Describe the image to generate.", nameof(request));
        }

        if (options?.Count is > 1)
        {
            throw new ArgumentException($"This engine makes one image per request, not {options.Count}.", nameof(options));
        }

        var image = ImageGenerationProperties.ToRequest(request.Prompt, options, new ImageRequest(request.Prompt, null, 512, 512, 4, 0, Random.Shared.NextInt64(int.MaxValue)));
        var progress = options?.AdditionalProperties?.TryGetValue(ImageGenerationProperties.Progress, out DiffusionProgressSink? sink) == true ? sink : null;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            GeneratedImage? result = null;
            await foreach (var update in pipeline.GenerateAsync(image, scheduler, progress is null ? 0 : previewEvery, cancellationToken))
            {
                switch (update)
                {
                    case DiffusionProgress p:
                        progress?.Report(p);
                        break;
                    case GeneratedImage g:
                        result = g;
                        break;
                }
            }

            return result is null
                ? throw new InvalidOperationException("The Stable Diffusion pipeline finished without an image.")
                : new ImageGenerationResponse([new DataContent(result.Content, result.ContentType)]) { RawRepresentation = result };
        }
        catch (ObjectDisposedException ex)
        {
            throw ModelUnloaded.Error(name, ex);
        }
        finally
        {
            _lock.Release();
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(ImageGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    // The lock is left to the collector: a request still running when the model is unloaded releases it afterwards.
    public void Dispose() => pipeline.Dispose();
}
