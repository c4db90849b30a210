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
}
