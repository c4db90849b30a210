using System.Text;
using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Text.Local;

public enum ChatTemplateKind
{
    /// <summary>Qwen2/Qwen2.5: &lt;|im_start|&gt;role\n…&lt;|im_end|&gt;.</summary>
    ChatMl,

    /// <summary>Llama 3: &lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\n…&lt;|eot_id|&gt;.</summary>
    Llama3,

    /// <summary>InternLM2: &lt;s&gt; then ChatML turns.</summary>
    InternLM2,
}

/// <summary>Renders a conversation into the prompt text a family of models was trained on, ending with the assistant's header.</summary>
public static class ChatTemplate
{
    private const string QwenDefaultSystem = "You are Qwen, created by Alibaba Cloud. You are a helpful assistant.";

    /// <summary>The template for a config.json model_type (qwen2, llama, internlm2); ChatML when unknown.</summary>
    public static ChatTemplateKind ForModelType(string modelType) => modelType.ToLowerInvariant() switch
    {
        "llama" => ChatTemplateKind.Llama3,
        var t when t.StartsWith("internlm", StringComparison.Ordinal) => ChatTemplateKind.InternLM2,
        _ => ChatTemplateKind.ChatMl,
    };

    /// <summary>The template a model's special tokens imply (Llama 3 headers, ChatML), else the one of its model_type.</summary>
    public static ChatTemplateKind Detect(string modelType, IEnumerable<string> specialTokens)
    {
        ArgumentNullException.ThrowIfNull(specialTokens);
        var specials = specialTokens.ToHashSet(StringComparer.Ordinal);
        var byType = ForModelType(modelType);
        if (specials.Contains("<|start_header_id|>"))
        {
            return ChatTemplateKind.Llama3;
        }

        return specials.Contains("<|im_start|>") && byType == ChatTemplateKind.Llama3 ? ChatTemplateKind.ChatMl : byType;
    }

    /// <summary>The tokens that end an assistant turn in this template.</summary>
    public static IReadOnlyList<string> EndTokens(ChatTemplateKind kind) => kind switch
    {
        ChatTemplateKind.Llama3 => ["<|eot_id|>", "<|end_of_text|>"],
        ChatTemplateKind.InternLM2 => ["<|im_end|>", "</s>"],
        _ => ["<|im_end|>", "<|endoftext|>"],
    };

    public static string Render(ChatTemplateKind kind, IEnumerable<ChatMessage> messages, bool qwenDefaultSystem = true)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var list = messages.Where(m => m.Role != ChatRole.Tool).ToList();
        var sb = new StringBuilder();
        switch (kind)
        {
            case ChatTemplateKind.Llama3:
                sb.Append("<|begin_of_text|>");
                foreach (var m in list)
                {
                    sb.Append("<|start_header_id|>").Append(RoleName(m.Role)).Append("<|end_header_id|>\n\n").Append(m.Text.Trim()).Append("<|eot_id|>");
                }

                sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
                break;
            default:
                if (kind == ChatTemplateKind.InternLM2)
                {
                    sb.Append("<s>");
                }
                else if (qwenDefaultSystem && (list.Count == 0 || list[0].Role != ChatRole.System))
                {
                    sb.Append("<|im_start|>system\n").Append(QwenDefaultSystem).Append("<|im_end|>\n");
                }

                foreach (var m in list)
                {
                    sb.Append("<|im_start|>").Append(RoleName(m.Role)).Append('\n').Append(m.Text).Append("<|im_end|>\n");
                }

                sb.Append("<|im_start|>assistant\n");
                break;
        }

        return sb.ToString();
    }

    private static string RoleName(ChatRole role) =>
        role == ChatRole.System ? "system" : role == ChatRole.Assistant ? "assistant" : "user";
}
