using System.ClientModel;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Experts;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.ImageGeneration;

/// <summary>One image from whichever <see cref="IImageGenerator"/> the registry selected, as the expert and
/// /v1/images/generations both need it: the bytes and their type, with an engine's failure said as an
/// <see cref="ExpertException"/> (bad input stays an <see cref="ArgumentException"/>).</summary>
public static class ImageGenerations
{
    private static readonly HttpClient Download = new() { Timeout = TimeSpan.FromMinutes(5) };

    public static async Task<GeneratedImage> GenerateAsync(IImageGenerator generator, ImageRequest request, DiffusionProgressSink? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(request);
        ImageGenerationResponse response;
        byte[] content;
        try
        {
            response = await generator.GenerateAsync(new ImageGenerationRequest(request.Prompt), ImageGenerationProperties.For(request, progress), cancellationToken);
            content = response.Contents.FirstOrDefault(c => c is DataContent or UriContent) switch
            {
                DataContent data => data.Data.ToArray(),
                UriContent uri => await Download.GetByteArrayAsync(uri.Uri, cancellationToken),
                _ => throw new ExpertException("The image engine finished without an image."),
            };
        }
        catch (ClientResultException e)
        {
            var body = e.GetRawResponse()?.Content.ToString() ?? "";
            throw new ExpertException($"The image server answered {e.Status}: {(body.Length > 300 ? body[..300] + "…" : body.Length > 0 ? body : e.Message)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new ExpertException($"The image server could not be reached: {e.Message}", e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpertException("The image server did not answer in time.", e);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new ExpertException($"The image model failed: {e.Message}", e);
        }

        return new GeneratedImage(content, ContentTypeOf(content), request.Width, request.Height, request.Seed);
    }

    private static string ContentTypeOf(byte[] content) => content switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0xFF, 0xD8, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => throw new ExpertException("The image engine returned data that is not a PNG, JPEG or WebP image."),
    };
}
