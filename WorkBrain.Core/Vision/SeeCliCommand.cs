using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Vision;

/// <summary><c>see FILE [QUESTION]</c>: runs image_understanding on an image or video_understanding on a video and prints the answer.</summary>
internal sealed class SeeCliCommand(IEnumerable<IExpert> experts) : ICliCommand
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".gif", ".bmp", ".ico", ".heic", ".avif" };

    public string Name => "see";

    public string Usage => "see FILE [QUESTION]   read the text in an image or video and say what it shows (OCR, ImageNet labels, keyframes, speech)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count == 0 || !File.Exists(args[0]))
        {
            await error.WriteLineAsync(args.Count == 0 ? $"Usage: {Usage}" : $"File not found: {args[0]}");
            return 2;
        }

        var path = Path.GetFullPath(args[0]);
        var isImage = ImageExtensions.Contains(Path.GetExtension(path));
        var kind = isImage ? AttachmentKind.Image : AttachmentKind.Video;
        var expertId = isImage ? ExpertIds.ImageUnderstanding : ExpertIds.VideoUnderstanding;
        var expert = experts.First(e => e.Id == expertId);
        var question = args.Count > 1 ? string.Join(' ', args.Skip(1)) : "Describe what this shows and quote any text in it.";
        var attachment = new Attachment(Path.GetFileName(path), isImage ? "image/" + Path.GetExtension(path).TrimStart('.').ToLowerInvariant() : "video/*",
            kind, path, new FileInfo(path).Length);
        var turn = new Turn(question, [attachment], "cli", "cli", []);
        try
        {
            await foreach (var e in expert.RunAsync(ExpertRequest.For(turn, question), cancellationToken))
            {
                switch (e)
                {
                    case TextDelta d:
                        await output.WriteAsync(d.Text);
                        break;
                    case ExpertProgress p:
                        await error.WriteLineAsync($"[{p.Fraction:P0}] {p.Detail}");
                        break;
                }
            }
        }
        catch (ExpertException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }

        await output.WriteLineAsync();
        return 0;
    }
}
