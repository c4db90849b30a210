using System.Text.Json;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Tools;

namespace WorkBrain.Tests.Core.Tools;

public sealed class HttpServiceToolTests : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false });

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Invoke_AllowedHost_EncodesParametersAndReturnsExcerpt()
    {
        await using var server = LocalHttpServer.Text("sunny " + new string('x', 500));
        var tool = new HttpServiceTool(new HttpServiceOptions
        {
            Name = "weather",
            UrlTemplate = server.BaseUrl + "/weather?city={city}&unit={unit}",
            Headers = { ["X-Api-Key"] = "secret" },
            MaxResponseChars = 100,
        }, _http);

        Assert.Equal(["city", "unit"], tool.Parameters);
        Assert.Equal(["city", "unit"], tool.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var result = RecordingResult(await tool.InvokeAsync(new AIFunctionArguments { ["city"] = "北京 & 上海", ["unit"] = "c" }));

        Assert.StartsWith("HTTP 200 OK\nsunny xxx", result, StringComparison.Ordinal);
        Assert.EndsWith("… (truncated)", result, StringComparison.Ordinal);
        Assert.True(result.Length < 140, result);
        var (method, rawUrl, _) = Assert.Single(server.Requests);
        Assert.Equal("GET", method);
        Assert.Equal("/weather?city=" + Uri.EscapeDataString("北京 & 上海") + "&unit=c", rawUrl);
    }

    [Fact]
    public async Task Invoke_HostFromParameterNotAllowed_RefusesWithoutCalling()
    {
        await using var server = LocalHttpServer.Text("should not be called");
        var tool = new HttpServiceTool(new HttpServiceOptions
        {
            Name = "fetch",
            UrlTemplate = "http://{host}:" + server.Port + "/",
            AllowedHosts = ["127.0.0.1"],
        }, _http);

        var result = await tool.CallAsync(new Dictionary<string, string> { ["host"] = "localhost" }, CancellationToken.None);

        Assert.Contains("may not call host 'localhost'", result, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.StartsWith("HTTP 200", await tool.CallAsync(new Dictionary<string, string> { ["host"] = "127.0.0.1" }, CancellationToken.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_TemplateHostNotInAllowList_Refuses()
    {
        var tool = new HttpServiceTool(new HttpServiceOptions
        {
            Name = "search",
            UrlTemplate = "http://127.0.0.1:9/?q={q}",
            AllowedHosts = ["api.example.com", "*.example.org"],
        }, _http);

        Assert.Contains("may not call host '127.0.0.1'", await tool.CallAsync(new Dictionary<string, string> { ["q"] = "x" }, CancellationToken.None), StringComparison.Ordinal);
        Assert.True(tool.IsAllowed("a.example.org"));
        Assert.False(tool.IsAllowed("example.org.evil.com"));
    }

    [Fact]
    public async Task Invoke_SlowServer_ReportsTimeout()
    {
        await using var server = LocalHttpServer.Text("late", delay: TimeSpan.FromSeconds(4));
        var tool = new HttpServiceTool(new HttpServiceOptions { Name = "slow", UrlTemplate = server.BaseUrl + "/{x}", TimeoutSeconds = 1 }, _http);

        var result = await tool.CallAsync(new Dictionary<string, string> { ["x"] = "a" }, CancellationToken.None);

        Assert.Equal("Error: the slow service did not answer within 1 s.", result);
    }

    [Fact]
    public async Task Invoke_Post_SendsArgumentsAsJsonAndReportsHttpErrors()
    {
        await using var server = new LocalHttpServer((_, _) => Task.FromResult((404, "text/plain", "no such thing"u8.ToArray())));
        var tool = new HttpServiceTool(new HttpServiceOptions
        {
            Name = "lookup",
            UrlTemplate = server.BaseUrl + "/lookup",
            Method = "POST",
            BodyTemplate = "{\"query\": \"{q}\"}",
        }, _http);

        var result = await tool.CallAsync(new Dictionary<string, string> { ["q"] = "say \"hi\"" }, CancellationToken.None);

        Assert.StartsWith("Error: the lookup service answered HTTP 404", result, StringComparison.Ordinal);
        var body = Assert.Single(server.Requests).Body;
        Assert.Equal("say \"hi\"", JsonDocument.Parse(body).RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Invoke_MissingParameter_SaysWhichOne()
    {
        var tool = new HttpServiceTool(new HttpServiceOptions { Name = "w", UrlTemplate = "http://127.0.0.1:9/?city={city}" }, _http);
        Assert.Equal("Error: the w service needs city.", await tool.CallAsync(new Dictionary<string, string>(), CancellationToken.None));
    }

    private static string RecordingResult(object? result) => result switch
    {
        string s => s,
        JsonElement e => e.GetString() ?? "",
        _ => throw new InvalidOperationException("unexpected result " + result),
    };
}
