using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Files;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Files;

/// <summary>A user's file can never run script at the app's origin: SVG and anything else that is not a raster image,
/// audio or video is a download, and every user file is served with nosniff and a sandboxing CSP.</summary>
public sealed class UserFileHeadersTests : IAsyncLifetime
{
    private const string Svg = """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>""";
    private readonly WorkBrainAppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<StoredFile> StoreAsync(byte[] bytes, string type) =>
        await _app.Services.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream(bytes), type, "local");

    [Fact]
    public async Task Svg_IsNeverInline_AndIsSandboxed()
    {
        var file = await StoreAsync(Encoding.UTF8.GetBytes(Svg), "image/svg+xml");
        using var http = _app.CreateClient();

        using var response = await http.GetAsync(file.Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/pdf")]
    [InlineData("text/plain")]
    public async Task OtherActiveOrDocumentTypes_AreDownloads(string type)
    {
        var file = await StoreAsync(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>" + type), type);
        using var http = _app.CreateClient();

        using var response = await http.GetAsync(file.Url);

        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task RasterImage_IsInline_WithNosniffAndTheSandbox()
    {
        var png = new byte[64];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(png, 0);
        var file = await StoreAsync(png, "image/png");
        using var http = _app.CreateClient();

        using var response = await http.GetAsync(file.Url);

        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("default-src 'none'; sandbox", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task SvgSentAsAnImageToTheApi_IsRefused()
    {
        var key = (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync("local", "tests")).Key;
        using var http = _app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var dataUrl = "data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(Svg));
        var body = $$$"""{"model":"image_understanding","messages":[{"role":"user","content":[{"type":"text","text":"what is this"},{"type":"image_url","image_url":{"url":"{{{dataUrl}}}"}}]}]}""";

        using var response = await http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("PNG, JPEG", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
