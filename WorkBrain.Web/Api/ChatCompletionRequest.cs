using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Files;
using WorkBrain.Core.Turns;

namespace WorkBrain.Web.Api;

/// <summary>The parts of an OpenAI chat completion request WorkBrain uses: the model, the last user message as the
/// turn (its text and any data-URL images), the earlier messages as history, and streaming.</summary>
internal sealed record ChatCompletionRequest(string Model, string Text, List<ChatMessage> History, bool Stream, List<(string Name, string ContentType, byte[] Bytes)> Images)
{
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
            var content = TextOf(m["content"], i == messages.Count - 1 ? images : null);
            if (i == messages.Count - 1)
            {
                if (role != "user")
                {
                    throw new FormatException("The last message must be the user's.");
                }

                text = content;
            }
            else if (role is "user" or "assistant")
            {
                history.Add(new ChatMessage(role == "user" ? ChatRole.User : ChatRole.Assistant, content));
            }
        }

        return new ChatCompletionRequest(model, text, history, body["stream"]?.GetValue<bool>() == true, images);
    }

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

        return ($"image-{index + 1}", type, Convert.FromBase64String(url[(comma + 1)..]));
    }
}
