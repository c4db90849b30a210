using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Uploads;

/// <summary>Uploads over Kestrel's 30,000,000-byte default go through when the kind's limit allows, and a file over its
/// kind's limit is a 413 with a JSON message; on a real Kestrel server, streamed, never held in memory by the test.</summary>
public sealed class UploadLimitTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;
    private string _baseUrl = "";

    public Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Uploads:MaxDocumentBytes"] = (40L * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) }, kestrel: true);
        _baseUrl = _app.StartKestrel();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpResponseMessage> UploadTextAsync(long bytes)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl), Timeout = TimeSpan.FromMinutes(3) };
        http.DefaultRequestHeaders.Add("X-WorkBrain-Upload", "1");
        using var form = new MultipartFormDataContent();
        var file = new GeneratedTextContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", "big.txt");
        return await http.PostAsync("/api/uploads", form);
    }

    [Fact]
    public async Task Upload_Over30MB_IsAccepted_WhenTheKindsLimitAllowsIt()
    {
        using var response = await UploadTextAsync(31_000_000);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("document", json.GetProperty("kind").GetString());
        Assert.Equal(31_000_000, json.GetProperty("length").GetInt64());
    }

    [Fact]
    public async Task Upload_OverTheKindsLimit_Is413WithAJsonMessage()
    {
        using var response = await UploadTextAsync(41L * 1024 * 1024);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString();
        Assert.Contains("too large", error, StringComparison.Ordinal);
        Assert.Contains("40 MB", error, StringComparison.Ordinal);
    }

    /// <summary>Plain text of a given length, written in 64 KB pieces as it is sent.</summary>
    private sealed class GeneratedTextContent(long length) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            var line = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog.\n");
            var block = new byte[64 * 1024];
            for (var i = 0; i < block.Length; i++)
            {
                block[i] = line[i % line.Length];
            }

            for (var sent = 0L; sent < length;)
            {
                var n = (int)Math.Min(block.Length, length - sent);
                await stream.WriteAsync(block.AsMemory(0, n));
                sent += n;
            }
        }

        protected override bool TryComputeLength(out long computed)
        {
            computed = length;
            return true;
        }
    }
}
