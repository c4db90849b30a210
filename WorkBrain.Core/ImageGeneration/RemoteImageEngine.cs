using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.ImageGeneration;

/// <summary>An OpenAI images API (POST {Endpoint}/images/generations, response_format b64_json): LocalAI, SD WebUI bridges, OpenAI.</summary>
public sealed class RemoteImageEngine(IOptions<ImageGenerationOptions> options) : IImageEngine, IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public string Kind => "remote";

    public ExpertStatus GetStatus()
    {
        var o = options.Value;
        return o.HasRemote
            ? new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.Ready, "remote server", "", $"{o.Model ?? "default model"} at {o.Endpoint}", o.Model)
            : new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.NotConfigured, "remote server", "",
                "No image server configured: set ImageGeneration:Endpoint (an OpenAI images API, e.g. http://127.0.0.1:8080/v1).");
    }

    public async IAsyncEnumerable<ImageGenerationUpdate> GenerateAsync(ImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var o = options.Value;
        if (!o.HasRemote)
        {
            throw new ExpertException(GetStatus().Detail);
        }

        var url = o.Endpoint!.TrimEnd('/') + "/images/generations";
        var body = new Dictionary<string, object?>
        {
            ["prompt"] = request.Prompt,
            ["n"] = 1,
            ["size"] = $"{request.Width}x{request.Height}",
            ["response_format"] = "b64_json",
        };
        if (!string.IsNullOrWhiteSpace(o.Model))
        {
            body["model"] = o.Model;
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (!string.IsNullOrWhiteSpace(o.ApiKey))
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", o.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(o.TimeoutSeconds));
        byte[] content;
        try
        {
            using var response = await _http.SendAsync(message, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw new ExpertException($"The image server answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
            }

            content = await ReadImageAsync(text, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ExpertException($"The image server at {o.Endpoint} did not answer within {o.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            throw new ExpertException($"The image server at {o.Endpoint} could not be reached: {e.Message}", e);
        }

        yield return new GeneratedImage(content, SniffContentType(content), request.Width, request.Height, request.Seed);
    }

    private async Task<byte[]> ReadImageAsync(string json, CancellationToken cancellationToken)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var first = doc.RootElement.GetProperty("data")[0];
            if (first.TryGetProperty("b64_json", out var b64) && b64.GetString() is { Length: > 0 } data)
            {
                return Convert.FromBase64String(data);
            }

            if (first.TryGetProperty("url", out var u) && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var imageUrl))
            {
                return await _http.GetByteArrayAsync(imageUrl, cancellationToken);
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or IndexOutOfRangeException or InvalidOperationException or FormatException)
        {
            throw new ExpertException($"The image server's answer is not an images API response: {Excerpt(json)}", e);
        }

        throw new ExpertException("The image server's answer holds neither b64_json nor url.");
    }

    private static string SniffContentType(byte[] content) => content switch
    {
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0xFF, 0xD8, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => throw new ExpertException("The image server returned data that is not a PNG, JPEG or WebP image."),
    };

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;

    public void Dispose() => _http.Dispose();
}
