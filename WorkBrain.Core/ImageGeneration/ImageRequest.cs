namespace WorkBrain.Core.ImageGeneration;

/// <summary>One image to make.</summary>
public sealed record ImageRequest(string Prompt, string? NegativePrompt, int Width, int Height, int Steps, double Guidance, long Seed);

/// <summary>What an engine reports while it works: progress, then the image.</summary>
public abstract record ImageGenerationUpdate;

/// <param name="Preview">A small JPEG of the unfinished image (<see cref="LatentPreview"/>), where the engine makes one.</param>
public sealed record DiffusionProgress(int Step, int Steps, byte[]? Preview = null) : ImageGenerationUpdate;

public sealed record GeneratedImage(byte[] Content, string ContentType, int Width, int Height, long Seed) : ImageGenerationUpdate;
