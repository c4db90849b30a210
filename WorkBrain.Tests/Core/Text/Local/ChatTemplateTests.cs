using Microsoft.Extensions.AI;
using WorkBrain.Core.Text.Local;

namespace WorkBrain.Tests.Core.Text.Local;

public sealed class ChatTemplateTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, "Be brief."),
        new(ChatRole.User, "Hi"),
        new(ChatRole.Assistant, "Hello!"),
        new(ChatRole.User, "你好"),
    ];

    [Fact]
    public void Render_ChatMl_RolesInOrderEndingWithAssistantHeader()
    {
        var text = ChatTemplate.Render(ChatTemplateKind.ChatMl, Conversation);

        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n<|im_start|>user\n你好<|im_end|>\n<|im_start|>assistant\n",
            text);
    }

    [Fact]
    public void Render_ChatMlWithoutSystem_AddsQwenDefaultSystem()
    {
        var text = ChatTemplate.Render(ChatTemplateKind.ChatMl, [new ChatMessage(ChatRole.User, "Hi")]);

        Assert.StartsWith("<|im_start|>system\nYou are Qwen", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Llama3_UsesHeaderTokens()
    {
        var text = ChatTemplate.Render(ChatTemplateKind.Llama3, Conversation[..2]);

        Assert.Equal(
            "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
            text);
    }

    [Fact]
    public void Render_InternLM2_StartsWithBosAndUsesImStart()
    {
        var text = ChatTemplate.Render(ChatTemplateKind.InternLM2, Conversation[1..2]);

        Assert.Equal("<s><|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", text);
    }

    [Theory]
    [InlineData("qwen2", ChatTemplateKind.ChatMl)]
    [InlineData("llama", ChatTemplateKind.Llama3)]
    [InlineData("internlm2", ChatTemplateKind.InternLM2)]
    public void ForModelType_KnownFamilies_PicksTemplate(string modelType, ChatTemplateKind expected) =>
        Assert.Equal(expected, ChatTemplate.ForModelType(modelType));

    [Theory]
    [InlineData("llama", "<|start_header_id|>", ChatTemplateKind.Llama3)]
    [InlineData("llama", "<|im_start|>", ChatTemplateKind.ChatMl)]
    [InlineData("qwen2", "<|im_start|>", ChatTemplateKind.ChatMl)]
    [InlineData("internlm2", "<|im_start|>", ChatTemplateKind.InternLM2)]
    public void Detect_SpecialTokens_OverrideModelType(string modelType, string special, ChatTemplateKind expected) =>
        Assert.Equal(expected, ChatTemplate.Detect(modelType, [special, "<|endoftext|>"]));
}
