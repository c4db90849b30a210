using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.ImageGeneration;
using GeneratedImage = WorkBrain.Core.ImageGeneration.GeneratedImage;
using ImageGenerationOptions = WorkBrain.Core.ImageGeneration.ImageGenerationOptions;
using WorkBrain.Web.Accounts;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Web.Api;

/// <summary>POST /v1/images/generations (JSON: prompt, n=1, size "WxH", response_format b64_json|url): one image from
/// the same engine as the image_generation expert, saved for the key's user; "url" is its owner-only /files URL.</summary>
internal static class ImageGenerationEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpContext context, SelectedEngine<IImageGenerator> engines, IFileStore files, CurrentUser currentUser, IOptions<ImageGenerationOptions> options)
    {
        var ct = context.RequestAborted;
        var o = options.Value;
        string prompt;
        int width = o.Width, height = o.Height, n;
        string format;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) ?? throw new FormatException("The body is empty.");
            prompt = body["prompt"]?.GetValue<string>() ?? throw new FormatException("'prompt' is required.");
            n = body["n"]?.GetValue<int>() ?? 1;
            format = body["response_format"]?.GetValue<string>() ?? "url";
            if (body["size"]?.GetValue<string>() is { } size && size != "auto")
            {
                (width, height) = ParseSize(size);
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return OpenAiError.Result(400, $"Bad request: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(prompt))
        {
            return OpenAiError.Result(400, "'prompt' is empty: describe the image to generate.");
        }

        if (n != 1)
        {
            return OpenAiError.Result(400, $"n={n} is not supported: this server makes one image per request.");
        }

        if (format is not ("url" or "b64_json"))
        {
            return OpenAiError.Result(400, $"response_format '{format}' is not supported: use url or b64_json.");
        }

        var status = engines.GetStatus();
        if (engines.Current is null || status.State is ExpertState.NotConfigured or ExpertState.NotDownloaded or ExpertState.Failed)
        {
            return OpenAiError.Result(503, $"Image generation is not available: {status.Detail}", "server_error", "expert_unavailable");
        }

        var request = new ImageRequest(prompt.Trim(), null, width, height, o.Steps, o.Guidance, o.Seed ?? RandomNumberGenerator.GetInt32(int.MaxValue));
        GeneratedImage image;
        try
        {
            var generator = await engines.GetRequiredClientAsync(ct);
            image = await ImageGenerations.GenerateAsync(generator, request, null, ct);
        }
        catch (ArgumentException ex)
        {
            return OpenAiError.Result(400, ex.Message);
        }
        catch (ExpertException ex)
        {
            return OpenAiError.Result(500, $"The image engine failed: {ex.Message}", "server_error");
        }

        object data;
        if (format == "b64_json")
        {
            data = new { b64_json = Convert.ToBase64String(image.Content), revised_prompt = request.Prompt };
        }
        else
        {
            await using var stream = new MemoryStream(image.Content, writable: false);
            var file = await files.SaveAsync(stream, image.ContentType, currentUser.IdOf(context.User), ct);
            var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{file.Url}";
            data = new { url, revised_prompt = request.Prompt };
        }

        return Results.Json(new { created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), data = new[] { data } });
    }

    private static (int Width, int Height) ParseSize(string size)
    {
        var parts = size.Split('x', 'X');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var w)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
            || w is < 64 or > 2048 || h is < 64 or > 2048)
        {
            throw new FormatException($"size '{size}' must be WIDTHxHEIGHT, each between 64 and 2048 (e.g. 512x512).");
        }

        return (w, h);
    }
}
