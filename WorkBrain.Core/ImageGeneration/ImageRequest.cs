namespace WorkBrain.Core.ImageGeneration;

/// <summary>One image to make.</summary>
public sealed record ImageRequest(string Prompt, string? NegativePrompt, int Width, int Height, int Steps, double Guidance, long Seed);

/// <summary>What an engine reports while it works: progress, then the image.</summary>
public abstract record ImageGenerationUpdate;

public sealed record DiffusionProgress(int Step, int Steps) : ImageGenerationUpdate;

public sealed record GeneratedImage(byte[] Content, string ContentType, int Width, int Height, long Seed) : ImageGenerationUpdate;
