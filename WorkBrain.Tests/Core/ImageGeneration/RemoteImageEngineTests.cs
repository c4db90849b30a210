using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Tests.Core.Tools;

namespace WorkBrain.Tests.Core.ImageGeneration;

public sealed class RemoteImageEngineTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    [Fact]
    public async Task GenerateAsync_OpenAiImagesApi_DecodesB64Json()
    {
        var answer = JsonSerializer.SerializeToUtf8Bytes(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(Png) } } });
        await using var server = new LocalHttpServer((_, _) => Task.FromResult((200, "application/json", answer)));
        using var engine = new RemoteImageEngine(Options.Create(new ImageGenerationOptions { Endpoint = server.BaseUrl + "/v1", Model = "sd", ApiKey = "k" }));

        var updates = new List<ImageGenerationUpdate>();
        await foreach (var u in engine.GenerateAsync(new ImageRequest("a cat", null, 512, 256, 4, 0, 1)))
        {
            updates.Add(u);
        }

        var image = Assert.IsType<GeneratedImage>(Assert.Single(updates));
        Assert.Equal(Png, image.Content);
        Assert.Equal("image/png", image.ContentType);
        var (method, url, body) = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/images/generations"), (method, url));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("a cat", json.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("512x256", json.RootElement.GetProperty("size").GetString());
        Assert.Equal("b64_json", json.RootElement.GetProperty("response_format").GetString());
        Assert.Equal("sd", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(ExpertState.Ready, engine.GetStatus().State);
    }

    [Fact]
    public async Task GenerateAsync_ServerError_ThrowsExpertExceptionWithStatus()
    {
        await using var server = new LocalHttpServer((_, _) => Task.FromResult((500, "text/plain", "model not loaded"u8.ToArray())));
        using var engine = new RemoteImageEngine(Options.Create(new ImageGenerationOptions { Endpoint = server.BaseUrl + "/v1" }));

        var e = await Assert.ThrowsAsync<ExpertException>(async () =>
        {
            await foreach (var _ in engine.GenerateAsync(new ImageRequest("a cat", null, 512, 512, 4, 0, 1)))
            {
            }
        });

        Assert.Contains("500", e.Message, StringComparison.Ordinal);
        Assert.Contains("model not loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_NoEndpoint_NotConfigured() =>
        Assert.Equal(ExpertState.NotConfigured, new RemoteImageEngine(Options.Create(new ImageGenerationOptions())).GetStatus().State);
}
