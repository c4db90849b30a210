using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Files;
using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Api;

/// <summary>The parts of an OpenAI chat completion request WorkBrain uses: the model, the last user message as the
/// turn (its text and any data-URL images), the earlier messages (system ones included) as history, streaming and its
/// usage option, the sampling settings and the caller's own tools. A request that answers the model's tool calls ends
/// with "tool" messages: then every message is history and the text is empty.</summary>
internal sealed record ChatCompletionRequest(
    string Model,
    string Text,
    List<ChatMessage> History,
    bool Stream,
    List<(string Name, string ContentType, byte[] Bytes)> Images)
{
    public bool IncludeUsage { get; init; }

    public ChatOptions Options { get; init; } = new();

    public static ChatCompletionRequest Parse(JsonNode body)
    {
        var model = body["model"]?.GetValue<string>() ?? throw new FormatException("'model' is required.");
        var messages = body["messages"] as JsonArray ?? throw new FormatException("'messages' is required.");
        if (messages.Count == 0)
        {
            throw new FormatException("'messages' is empty.");
        }

        var history = new List<ChatMessage>();
        var images = new List<(string, string, byte[])>();
        string text = "";
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i] ?? throw new FormatException($"messages[{i}] is null.");
            var role = m["role"]?.GetValue<string>() ?? "user";
            var last = i == messages.Count - 1;
            var content = TextOf(m["content"], last ? images : null);
            switch (role)
            {
                case "user" when last:
                    text = content;
                    break;
                case "user":
                    history.Add(new ChatMessage(ChatRole.User, content));
                    break;
                case "system" or "developer":
                    history.Add(new ChatMessage(ChatRole.System, content));
                    break;
                case "assistant":
                    history.Add(Assistant(m, content, i));
                    break;
                case "tool":
                    var callId = m["tool_call_id"]?.GetValue<string>() ?? throw new FormatException($"messages[{i}].tool_call_id is required.");
                    history.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(callId, content)]));
                    break;
                default:
                    throw new FormatException($"messages[{i}].role '{role}' is not supported.");
            }

            if (last && role is not ("user" or "tool"))
            {
                throw new FormatException("The last message must be the user's (or the results of the model's tool calls).");
            }
        }

        return new ChatCompletionRequest(model, text, history, body["stream"]?.GetValue<bool>() == true, images)
        {
            IncludeUsage = body["stream_options"]?["include_usage"]?.GetValue<bool>() == true,
            Options = ParseOptions(body),
        };
    }

    /// <summary>Whether the request answers tool calls or declares tools: only the text model can take it.</summary>
    public bool NeedsTextModel => Options.Tools is { Count: > 0 } || History.Any(m => m.Role == ChatRole.Tool);

    private static ChatOptions ParseOptions(JsonNode body)
    {
        var options = new ChatOptions
        {
            MaxOutputTokens = Int(body, "max_completion_tokens") ?? Int(body, "max_tokens"),
            Temperature = Float(body, "temperature"),
            TopP = Float(body, "top_p"),
            Seed = body["seed"] is { } seed ? seed.GetValue<long>() : null,
        };
        if (options.MaxOutputTokens is < 1)
        {
            throw new FormatException("'max_tokens' must be at least 1.");
        }

        if (options.Temperature is < 0 or > 2)
        {
            throw new FormatException("'temperature' must be between 0 and 2.");
        }

        if (options.TopP is < 0 or > 1)
        {
            throw new FormatException("'top_p' must be between 0 and 1.");
        }

        options.StopSequences = body["stop"] switch
        {
            null => null,
            JsonValue one => [one.GetValue<string>()],
            JsonArray many when many.Count <= 4 => many.Select(s => s?.GetValue<string>() ?? throw new FormatException("'stop' holds a null.")).ToList(),
            _ => throw new FormatException("'stop' must be a string or up to 4 strings."),
        };

        if (body["tools"] is JsonArray tools && tools.Count > 0)
        {
            options.Tools = tools.Select((t, i) => Tool(t, i)).ToList();
            options.ToolMode = ToolMode(body["tool_choice"]);
        }

        return options;
    }

    private static AITool Tool(JsonNode? tool, int index)
    {
        if (tool?["type"]?.GetValue<string>() != "function" || tool["function"] is not JsonObject function)
        {
            throw new FormatException($"tools[{index}] must be {{\"type\": \"function\", \"function\": {{...}}}}.");
        }

        var name = function["name"]?.GetValue<string>() ?? throw new FormatException($"tools[{index}].function.name is required.");
        var schema = function["parameters"] is { } parameters
            ? JsonSerializer.SerializeToElement(parameters)
            : JsonSerializer.SerializeToElement(new { type = "object", properties = new { } });
        return AIFunctionFactory.CreateDeclaration(name, function["description"]?.GetValue<string>(), schema);
    }

    private static ChatToolMode? ToolMode(JsonNode? choice) => choice switch
    {
        null => ChatToolMode.Auto,
        JsonValue v => v.GetValue<string>() switch
        {
            "auto" => ChatToolMode.Auto,
            "none" => ChatToolMode.None,
            "required" => ChatToolMode.RequireAny,
            var other => throw new FormatException($"tool_choice '{other}' is not supported: use auto, none, required or a function."),
        },
        _ => ChatToolMode.RequireSpecific(choice["function"]?["name"]?.GetValue<string>() ?? throw new FormatException("tool_choice.function.name is required.")),
    };

    private static ChatMessage Assistant(JsonNode message, string content, int index)
    {
        var contents = new List<AIContent>();
        if (content.Length > 0)
        {
            contents.Add(new TextContent(content));
        }

        if (message["tool_calls"] is JsonArray calls)
        {
            foreach (var call in calls)
            {
                var id = call?["id"]?.GetValue<string>() ?? throw new FormatException($"messages[{index}].tool_calls[].id is required.");
                var name = call["function"]?["name"]?.GetValue<string>() ?? throw new FormatException($"messages[{index}].tool_calls[].function.name is required.");
                var arguments = call["function"]?["arguments"]?.GetValue<string>() ?? "{}";
                contents.Add(new FunctionCallContent(id, name, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments)));
            }
        }

        return new ChatMessage(ChatRole.Assistant, contents);
    }

    private static int? Int(JsonNode body, string name) => body[name] is { } v ? v.GetValue<int>() : null;

    private static float? Float(JsonNode body, string name) => body[name] is { } v ? v.GetValue<float>() : null;

    public async Task<List<Attachment>> SaveImagesAsync(IFileStore files, string userId, CancellationToken cancellationToken)
    {
        var attachments = new List<Attachment>();
        foreach (var (name, type, bytes) in Images)
        {
            using var stream = new MemoryStream(bytes);
            var file = await files.SaveAsync(stream, type, userId, cancellationToken);
            attachments.Add(new Attachment(name, type, AttachmentKind.Image, file.Path, file.Length) { FileId = file.Id });
        }

        return attachments;
    }

    private static string TextOf(JsonNode? content, List<(string, string, byte[])>? images)
    {
        if (content is null)
        {
            return "";
        }

        if (content is JsonValue)
        {
            return content.GetValue<string>();
        }

        var parts = new List<string>();
        foreach (var part in content.AsArray())
        {
            switch (part?["type"]?.GetValue<string>())
            {
                case "text":
                    parts.Add(part["text"]?.GetValue<string>() ?? "");
                    break;
                case "image_url" when images is not null:
                    var url = part["image_url"]?["url"]?.GetValue<string>() ?? "";
                    images.Add(DecodeDataUrl(url, images.Count));
                    break;
            }
        }

        return string.Join("\n", parts);
    }

    private static (string, string, byte[]) DecodeDataUrl(string url, int index)
    {
        // Only inline images: the server never fetches a URL a client names.
        const string prefix = "data:";
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith(prefix, StringComparison.Ordinal) || comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.Ordinal))
        {
            throw new FormatException("Images must be sent inline as data:image/...;base64 URLs.");
        }

        var type = url[prefix.Length..url.IndexOf(';', StringComparison.Ordinal)];
        if (!type.StartsWith("image/", StringComparison.Ordinal))
        {
            throw new FormatException($"'{type}' is not an image type.");
        }

        // The declared type is only a hint: what is stored (and later served) is what the bytes are, raster images only.
        var bytes = Convert.FromBase64String(url[(comma + 1)..]);
        var sniffed = Uploads.FileSniffer.Sniff(bytes.AsSpan(0, Math.Min(bytes.Length, 64)), type, $"image-{index + 1}");
        if (sniffed is not { Kind: AttachmentKind.Image })
        {
            throw new FormatException("Images must be PNG, JPEG, GIF, WebP or BMP.");
        }

        return ($"image-{index + 1}", sniffed.ContentType, bytes);
    }
}
