using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Uploads;

public sealed class UploadEndpointTests : IAsyncLifetime
{
    private readonly WorkBrainAppFactory _app = new(new Dictionary<string, string?> { ["Uploads:MaxImageBytes"] = "1024" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string name, string type, bool header = true)
    {
        using var client = _app.CreateClient();
        if (header)
        {
            client.DefaultRequestHeaders.Add("X-WorkBrain-Upload", "1");
        }

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        form.Add(file, "file", name);
        return await client.PostAsync("/api/uploads", form);
    }

    private static byte[] Png(int size)
    {
        var bytes = new byte[size];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public async Task Upload_Image_IsStoredAndServedToItsOwner()
    {
        var response = await UploadAsync(Png(200), "cat.png", "image/png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("image", json.GetProperty("kind").GetString());
        using var client = _app.CreateClient();
        var file = await client.GetAsync(json.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("image/png", file.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Upload_TooLargeImage_IsRefusedWithTheLimit()
    {
        var response = await UploadAsync(Png(4096), "big.png", "image/png");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_BinaryPretendingToBeAnImage_IsRefused()
    {
        var response = await UploadAsync([0, 1, 2, 3, 0, 0, 9, 8], "photo.png", "image/png");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("not a supported file", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_WithoutTheUploadHeader_IsRefused()
    {
        var response = await UploadAsync(Png(100), "cat.png", "image/png", header: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Files_UnknownOrPathLikeId_Is404()
    {
        using var client = _app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/files/" + new string('a', 64) + ".png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/files/..%2F..%2Fappsettings.json")).StatusCode);
    }
}
