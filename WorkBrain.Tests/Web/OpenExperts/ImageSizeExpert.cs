using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Web.OpenExperts;

/// <summary>The expert docs/add-an-expert.md walks through: it tells the size of each PNG image attached to the turn,
/// reading the image's header (no model needed).</summary>
internal sealed class ImageSizeExpert : IExpert
{
    public const string ExpertId = "image_size";

    /// <summary>Its description, registered with <c>services.AddExpert&lt;ImageSizeExpert&gt;(ImageSizeExpert.Descriptor)</c>.</summary>
    public static ExpertDescriptor Descriptor { get; } = new(ExpertId, "Image size")
    {
        Evidence = [AttachmentKind.Image],
        EvidenceStrength = 0.8f,
        WritesText = true,
    };

    public string Id => ExpertId;

    public ExpertStatus GetStatus() => new(ExpertId, ExpertState.Ready, "built-in", "CPU", "Reads PNG headers");

    public async IAsyncEnumerable<BrainEvent> RunAsync(ExpertRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var images = request.Turn.Attachments.Where(a => a.Kind == AttachmentKind.Image).ToList();
        if (images.Count == 0)
        {
            throw new ExpertException("Attach a PNG image to know its size.");
        }

        foreach (var image in images)
        {
            var header = new byte[24];
            int read;
            await using (var file = File.OpenRead(image.StoredPath))
            {
                read = await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
            }

            if (read < header.Length || !IsPng(header))
            {
                throw new ExpertException($"{image.FileName} is not a PNG image.");
            }

            var width = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(16));
            var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(20));
            yield return new TextDelta(Id, $"{image.FileName} is {width}×{height} pixels.");
        }
    }

    private static bool IsPng(ReadOnlySpan<byte> header) =>
        header[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
}
