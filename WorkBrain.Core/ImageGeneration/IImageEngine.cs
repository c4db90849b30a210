using WorkBrain.Core.Experts;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>A text-to-image engine: the local ONNX pipeline or a remote images API.</summary>
public interface IImageEngine
{
    /// <summary>"local" or "remote", as in <see cref="ImageGenerationOptions.Backend"/>.</summary>
    string Kind { get; }

    ExpertStatus GetStatus();

    IAsyncEnumerable<ImageGenerationUpdate> GenerateAsync(ImageRequest request, CancellationToken cancellationToken = default);
}
