using System.Text.Json;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Tests.Core.Tools;
using WorkBrain.Tests.Support;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Tests.Core.ImageGeneration;

/// <summary>The "remote" Images engine the ImageGeneration short keys describe: an OpenAI images API reached through
/// Microsoft.Extensions.AI.OpenAI's <c>AsIImageGenerator</c>.</summary>
public sealed class RemoteImageEngineTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private static async Task<GeneratedImage> GenerateAsync(Dictionary<string, string?> settings, ImageRequest request)
    {
        using var host = EngineHost.Build(settings);
        var engine = EngineHost.Selected<IImageGenerator>(host);
        Assert.IsType<OpenAiEngine<IImageGenerator>>(engine.Current);
        Assert.Equal(ExpertState.Ready, engine.GetStatus().State);
        return await ImageGenerations.GenerateAsync(await engine.GetRequiredClientAsync(), request, null, CancellationToken.None);
    }

    [Fact]
    public async Task GenerateAsync_OpenAiImagesApi_DecodesB64Json()
    {
        var answer = JsonSerializer.SerializeToUtf8Bytes(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(Png) } } });
        await using var server = new LocalHttpServer((_, _) => Task.FromResult((200, "application/json", answer)));

        var image = await GenerateAsync(
            new() { ["ImageGeneration:Endpoint"] = server.BaseUrl + "/v1", ["ImageGeneration:Model"] = "sd", ["ImageGeneration:ApiKey"] = "k" },
            new ImageRequest("a cat", null, 512, 256, 4, 0, 1));

        Assert.Equal(Png, image.Content);
        Assert.Equal("image/png", image.ContentType);
        var (method, url, body) = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/images/generations"), (method, url));
        using var json = JsonDocument.Parse(body);
        Assert.Equal("a cat", json.RootElement.GetProperty("prompt").GetString());
        Assert.Equal("512x256", json.RootElement.GetProperty("size").GetString());
        Assert.Equal("b64_json", json.RootElement.GetProperty("response_format").GetString());
        Assert.Equal("sd", json.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task GenerateAsync_ServerError_ThrowsExpertExceptionWithStatus()
    {
        await using var server = new LocalHttpServer((_, _) => Task.FromResult((500, "text/plain", "model not loaded"u8.ToArray())));

        var e = await Assert.ThrowsAsync<ExpertException>(() => GenerateAsync(
            new() { ["ImageGeneration:Endpoint"] = server.BaseUrl + "/v1" }, new ImageRequest("a cat", null, 512, 512, 4, 0, 1)));

        Assert.Contains("500", e.Message, StringComparison.Ordinal);
        Assert.Contains("model not loaded", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_NoEndpointAndBackendRemote_NotConfiguredNamingTheKey()
    {
        using var host = EngineHost.Build(new() { ["ImageGeneration:Backend"] = "remote" });

        var status = EngineHost.Selected<IImageGenerator>(host).GetStatus();

        Assert.Equal(ExpertState.NotConfigured, status.State);
        Assert.Contains("ImageGeneration:Endpoint", status.Detail, StringComparison.Ordinal);
    }
}
