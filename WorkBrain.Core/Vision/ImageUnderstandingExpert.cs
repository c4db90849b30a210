using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;
using WorkBrain.Core.Vision.Imaging;

namespace WorkBrain.Core.Vision;

/// <summary>Answers questions about attached images: a configured VLM sees them directly; otherwise local OCR and
/// classification find the facts, which the text model phrases when one is available.</summary>
public sealed class ImageUnderstandingExpert(
    ImageAnalyzer analyzer, ImageLoader loader, IVisionLanguageModel vlm, FactPhraser phraser, IOptions<VisionOptions> options) : IExpert
{
    internal const string PhrasingPrompt =
        "You answer questions about images the user attached. You cannot see them: local models examined them and report " +
        "an ImageNet classifier's top labels with probabilities and the text read by OCR in reading order. Answer the request " +
        "from these findings only, quote the text read exactly, say plainly when the findings are not enough, and answer in the user's language.";

    public string Id => ExpertIds.ImageUnderstanding;

    public ExpertStatus GetStatus()
    {
        if (vlm.Description is { } description)
        {
            return new ExpertStatus(Id, ExpertState.Ready, "remote VLM", "", $"Vision-language model {description}.", options.Value.Vlm.Model);
        }

        var missing = analyzer.MissingFiles();
        return missing.Count == 0
            ? new ExpertStatus(Id, ExpertState.Ready, "local ONNX", "CPU",
                phraser.HasTextModel
                    ? "PP-OCRv4 text reading and SqueezeNet classification, phrased by the text model."
                    : "PP-OCRv4 text reading and SqueezeNet classification; no text model, so answers list the findings.",
                "pp-ocrv4 + squeezenet")
            : new ExpertStatus(Id, ExpertState.NotDownloaded, "local ONNX", "CPU",
                $"Missing model files: {string.Join(", ", missing)}. Pull \"pp-ocrv4\" and \"squeezenet\", or set ImageUnderstanding:Vlm:Endpoint and :Model to a vision-language model server.");
    }

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = request.Turn.Attachments.Where(a => a.Kind == AttachmentKind.Image).ToList();
        if (images.Count == 0)
        {
            throw FactPhraser.NoInput("image");
        }

        var instruction = string.IsNullOrWhiteSpace(request.Instruction) ? request.Turn.Text : request.Instruction;
        if (vlm.Client is { } client)
        {
            var message = await BuildVlmMessageAsync(instruction, images, cancellationToken);
            await foreach (var update in client.GetStreamingResponseAsync([message], cancellationToken: cancellationToken))
            {
                if (!string.IsNullOrEmpty(update.Text))
                {
                    yield return new TextDelta(Id, update.Text);
                }
            }

            yield break;
        }

        var facts = new StringBuilder();
        for (var i = 0; i < images.Count; i++)
        {
            yield return new ExpertProgress(Id, (double)i / images.Count, $"Reading {images[i].FileName}");
            var analysis = await analyzer.AnalyzeFileAsync(images[i].StoredPath, images[i].FileName, cancellationToken);
            facts.Append(analysis.ToMarkdown()).Append('\n');
            if (images[i].Url is { } url && !analysis.Text.IsEmpty)
            {
                yield return Regions(url, images[i].FileName, analysis);
            }
        }

        await foreach (var text in phraser.PhraseAsync(PhrasingPrompt, instruction, facts.ToString().TrimEnd(), cancellationToken))
        {
            yield return new TextDelta(Id, text);
        }
    }

    /// <summary>The regions OCR read, for the chat to draw over the image.</summary>
    internal TextRegions Regions(string url, string fileName, ImageAnalysis analysis) => new(Id, url, fileName, analysis.Width, analysis.Height,
        analysis.Text.Lines.SelectMany(line => line).Select(r => new TextRegion(
            [r.Box.TopLeft.X, r.Box.TopLeft.Y, r.Box.TopRight.X, r.Box.TopRight.Y, r.Box.BottomRight.X, r.Box.BottomRight.Y, r.Box.BottomLeft.X, r.Box.BottomLeft.Y],
            r.Text, r.Score)).ToList());

    private async Task<ChatMessage> BuildVlmMessageAsync(string instruction, IReadOnlyList<Attachment> images, CancellationToken cancellationToken)
    {
        var contents = new List<AIContent> { new TextContent(instruction) };
        foreach (var image in images)
        {
            // Decoding rejects huge or corrupt files with a clear message before anything is sent.
            await Task.Run(() => loader.Load(image.StoredPath).Dispose(), cancellationToken);
            var bytes = await File.ReadAllBytesAsync(image.StoredPath, cancellationToken);
            var mediaType = image.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase) ? image.ContentType : "image/jpeg";
            contents.Add(new DataContent(bytes, mediaType) { Name = image.FileName });
        }

        return new ChatMessage(ChatRole.User, contents);
    }
}
