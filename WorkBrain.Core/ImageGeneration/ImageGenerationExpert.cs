#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>Text to image: the request (with optional "seed 42", "768x512", "steps 8", "guidance 7") goes to the
/// Images engine the registry selected; progress is streamed per step with a preview of the unfinished image (in-process
/// engines report them; a server shows the bar alone); the image is stored for the user and shown inline.</summary>
public sealed class ImageGenerationExpert(
    SelectedEngine<IImageGenerator> engines,
    IFileStore files,
    IOptions<ImageGenerationOptions> options) : IExpert
{
    public string Id => ExpertIds.ImageGeneration;

    public ExpertStatus GetStatus() => engines.GetStatus();

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var status = engines.GetStatus();
        if (engines.Current is null || status.State is ExpertState.NotConfigured or ExpertState.NotDownloaded)
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
        var generator = await engines.GetRequiredClientAsync(cancellationToken);

        // The engine reports its steps on its own thread; they reach the user through this channel while it works.
        var steps = Channel.CreateUnbounded<DiffusionProgress>(new UnboundedChannelOptions { SingleReader = true });
        var work = GenerateAsync(generator, image, steps.Writer, cancellationToken);
        try
        {
            await foreach (var p in steps.Reader.ReadAllAsync(cancellationToken))
            {
                // steps already made are not shown once the caller stops
                cancellationToken.ThrowIfCancellationRequested();
                yield return new ExpertProgress(Id, (double)p.Step / p.Steps, $"step {p.Step}/{p.Steps}",
                    p.Preview is { } jpeg ? "data:image/jpeg;base64," + Convert.ToBase64String(jpeg) : null);
            }
        }
        finally
        {
            if (!work.IsCompleted)
            {
                await Task.WhenAny(work);
            }
        }

        var result = await work;
        await using var stream = new MemoryStream(result.Content, writable: false);
        var file = await files.SaveAsync(stream, result.ContentType, request.Turn.UserId, cancellationToken);
        yield return new ImageReady(Id, file.Url, image.Prompt);
        yield return new TextDelta(Id, string.Create(CultureInfo.InvariantCulture,
            $"{result.Width}×{result.Height}, seed {result.Seed}, {image.Steps} steps, guidance {image.Guidance:0.##}, {clock.Elapsed.TotalSeconds:0.0} s"));
    }

    private static async Task<GeneratedImage> GenerateAsync(IImageGenerator generator, ImageRequest image, ChannelWriter<DiffusionProgress> steps, CancellationToken cancellationToken)
    {
        try
        {
            return await ImageGenerations.GenerateAsync(generator, image, new DiffusionProgressSink(p => steps.TryWrite(p)), cancellationToken);
        }
        catch (ArgumentException e)
        {
            throw new ExpertException(e.Message, e);
        }
        finally
        {
            steps.TryComplete();
        }
    }
}
