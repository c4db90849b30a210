using WorkBrain.Core.Text.Local;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Text.Local;

/// <summary>The generated tiny Qwen2-shaped models: a random one, and one whose greedy output cycles through a Chinese sentence.</summary>
internal static class TinyLlm
{
    public static Task<string> RandomAsync() => TestModels.GenerateAsync("tiny_llm");

    public static Task<string> ChainAsync() => TestModels.GenerateAsync("tiny_llm", "--chain");

    /// <summary>InternLM2 layout: model_type internlm2 and a SentencePiece tokenizer.model instead of tokenizer.json.</summary>
    public static Task<string> SentencePieceAsync() => TestModels.GenerateAsync("tiny_llm", "--sentencepiece");

    public static async Task<OnnxChatClient> LoadAsync(bool chain = false, LocalEngineOptions? options = null) =>
        OnnxChatClient.Load(chain ? await ChainAsync() : await RandomAsync(), options ?? new LocalEngineOptions { ExecutionProvider = "cpu" });
}
