using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>With sign-in required, an API key works on every API route (/api/uploads, /files, /api/documents) and a
/// caller without credentials gets 401 JSON, never a redirect to the login page.</summary>
public sealed class ApiKeyRoutesTests : IAsyncLifetime
{
    private readonly WorkBrainAppFactory _app = new(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<HttpClient> ClientAsync(string? user)
    {
        var http = _app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add("X-WorkBrain-Upload", "1");
        if (user is not null)
        {
            var key = (await _app.Services.GetRequiredService<ApiKeyService>().CreateAsync(user, "tests")).Key;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    private static MultipartFormDataContent Form(string text, string name)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(file, "file", name);
        return form;
    }

    [Fact]
    public async Task ApiKey_UploadsAndFetchesItsFile()
    {
        using var http = await ClientAsync("alice");

        using var upload = await http.PostAsync("/api/uploads", Form("alice's notes", "notes.txt"));
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var url = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString();

        using var file = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        Assert.Equal("alice's notes", await file.Content.ReadAsStringAsync());

        using var bob = await ClientAsync("bob");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync(url)).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/files/0123456789abcdef.png")]
    [InlineData("POST", "/api/uploads")]
    [InlineData("POST", "/api/documents")]
    [InlineData("GET", "/api/documents/abc")]
    public async Task NoCredentials_Is401Json_NotARedirect(string method, string route)
    {
        using var http = await ClientAsync(null);

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), route) { Content = method == "POST" ? Form("x", "x.txt") : null });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Documents_AddThenStatus_ReadyForItsOwner_404ForAnother()
    {
        using var http = await ClientAsync("alice");

        using var added = await http.PostAsync("/api/documents", Form("员工手册：年假为十五天。Office hours are nine to five.", "handbook.txt"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var json = await added.Content.ReadFromJsonAsync<JsonElement>();
        var id = json.GetProperty("id").GetString()!;
        Assert.Contains(json.GetProperty("status").GetString(), new[] { "queued", "indexing", "ready" });

        await _app.Services.GetRequiredService<DocumentLibrary>().WaitUntilIndexedAsync("alice", id);
        var status = await http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("ready", status.GetProperty("status").GetString());
        Assert.Equal(1.0, status.GetProperty("progress").GetDouble());
        Assert.Equal("handbook.txt", status.GetProperty("name").GetString());

        using var bob = await ClientAsync("bob");
        Assert.Equal(HttpStatusCode.NotFound, (await bob.GetAsync($"/api/documents/{id}")).StatusCode);
    }

    [Fact]
    public async Task Documents_AFileThatCannotBeParsed_EndsFailedWithAReason()
    {
        using var http = await ClientAsync("alice");
        var form = new MultipartFormDataContent();
        var pdf = new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not really a pdf\n"));
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(pdf, "file", "broken.pdf");

        using var added = await http.PostAsync("/api/documents", form);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        await _app.Services.GetRequiredService<DocumentLibrary>().WaitUntilIndexedAsync("alice", id);
        var status = await http.GetFromJsonAsync<JsonElement>($"/api/documents/{id}");
        Assert.Equal("failed", status.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(status.GetProperty("reason").GetString()));
    }
}
