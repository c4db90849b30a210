using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Text.Gguf;

/// <summary>The GGUF fixtures of models/fixtures/tiny_gguf.py, generated once per test run.</summary>
internal static class TinyGguf
{
    /// <summary>The chain model: "the" (or a chat prompt) → " cat sat on mat", then &lt;/s&gt;.</summary>
    public const string Chain = " cat sat on mat";

    public static async Task<string> ChainAsync() => Path.Combine(await TestModels.GenerateAsync("tiny_gguf"), "tiny-chain.gguf");

    public static async Task<string> ChainWithoutTemplateAsync() => Path.Combine(await TestModels.GenerateAsync("tiny_gguf", "--no-template"), "tiny-chain.gguf");

    public static async Task<string> RandomAsync() => Path.Combine(await TestModels.GenerateAsync("tiny_gguf", "--random"), "tiny-random.gguf");

    /// <summary>Image positions the tiny projector gives every image: its 32-pixel square in 8-pixel patches.</summary>
    public const int ImagePositions = 16;

    /// <summary>The chain model and its vision projector (tiny-mmproj.gguf): an image question still answers the chain.</summary>
    public static async Task<(string Model, string Projector)> ChainWithProjectorAsync()
    {
        var dir = await TestModels.GenerateAsync("tiny_gguf", "--projector");
        return (Path.Combine(dir, "tiny-chain.gguf"), Path.Combine(dir, "tiny-mmproj.gguf"));
    }

    /// <summary>The random model and the same projector: its answers depend on the image.</summary>
    public static async Task<(string Model, string Projector)> RandomWithProjectorAsync()
    {
        var dir = await TestModels.GenerateAsync("tiny_gguf", "--random", "--projector");
        return (Path.Combine(dir, "tiny-random.gguf"), Path.Combine(dir, "tiny-mmproj.gguf"));
    }
}
