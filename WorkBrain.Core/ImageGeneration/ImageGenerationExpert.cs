using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Text to image: the request (with optional "seed 42", "768x512", "steps 8", "guidance 7") goes to the
/// selected engine; progress is streamed per step; the image is stored for the user and shown inline.</summary>
public sealed class ImageGenerationExpert(
    ImageEngineSelector engines,
    IFileStore files,
    IOptions<ImageGenerationOptions> options) : IExpert
{
    public string Id => ExpertIds.ImageGeneration;

    public ExpertStatus GetStatus() => engines.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var engine = engines.Current;
        var status = engines.GetStatus();
        if (engine is null || status.State is ExpertState.NotConfigured or ExpertState.NotDownloaded)
        {
            throw new ExpertException(status.Detail);
        }

        var text = string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        var image = ImagePromptParser.Parse(text, options.Value, () => RandomNumberGenerator.GetInt32(int.MaxValue));
        if (string.IsNullOrWhiteSpace(image.Prompt))
        {
            throw new ExpertException("Describe the image to generate.");
        }

        var clock = Stopwatch.StartNew();
        GeneratedImage? result = null;
        IAsyncEnumerator<ImageGenerationUpdate> updates;
        try
        {
            updates = engine.GenerateAsync(image, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new ExpertException(e.Message, e);
        }

        await using (updates)
        {
            while (await MoveNextAsync(updates))
            {
                switch (updates.Current)
                {
                    case DiffusionProgress p:
                        yield return new ExpertProgress(Id, (double)p.Step / p.Steps, $"step {p.Step}/{p.Steps}");
                        break;
                    case GeneratedImage g:
                        result = g;
                        break;
                }
            }
        }

        if (result is null)
        {
            throw new ExpertException("The image engine finished without an image.");
        }

        await using var stream = new MemoryStream(result.Content, writable: false);
        var file = await files.SaveAsync(stream, result.ContentType, request.Turn.UserId, cancellationToken);
        yield return new ImageReady(Id, file.Url, image.Prompt);
        yield return new TextDelta(Id, string.Create(CultureInfo.InvariantCulture,
            $"{result.Width}×{result.Height}, seed {result.Seed}, {image.Steps} steps, guidance {image.Guidance:0.##}, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async ValueTask<bool> MoveNextAsync(IAsyncEnumerator<ImageGenerationUpdate> updates)
    {
        try
        {
            return await updates.MoveNextAsync();
        }
        catch (ArgumentException e)
        {
            throw new ExpertException(e.Message, e);
        }
        catch (Microsoft.ML.OnnxRuntime.OnnxRuntimeException e)
        {
            throw new ExpertException($"The image model failed: {e.Message}", e);
        }
    }
}
