using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Accounts.Cli;

/// <summary>Issue 13, item 13: <c>keys create|list|revoke</c> through the real host; the created key works on /v1.</summary>
public sealed class KeysCommandTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public async Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        (await SignedInUser.RegisterAsync(_app, "alice@example.org")).Dispose();
        (await SignedInUser.RegisterAsync(_app, "bob@example.org")).Dispose();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(int Code, string[] Output, string Error)> RunAsync(params string[] args)
    {
        var command = _app.Services.GetServices<ICliCommand>().Single(c => c.Name == "keys");
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await command.RunAsync(args, TextReader.Null, output, error, CancellationToken.None);
        return (code, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), error.ToString());
    }

    private async Task<HttpStatusCode> ModelsWithAsync(string key)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return (await client.GetAsync("/v1/models")).StatusCode;
    }

    [Fact]
    public async Task Create_PrintsTheKeyAloneOnItsLastLine_List_ThenRevoke()
    {
        var (code, output, _) = await RunAsync("create", "alice@example.org", "--name", "backup script");
        await RunAsync("create", "bob@example.org");

        Assert.Equal(0, code);
        var key = output[^1];
        Assert.StartsWith("wb-", key, StringComparison.Ordinal);
        Assert.DoesNotContain(' ', key);
        Assert.Equal(HttpStatusCode.OK, await ModelsWithAsync(key));

        var (_, all, _) = await RunAsync("list");
        var (_, alices, _) = await RunAsync("list", "alice@example.org");
        Assert.Equal(3, all.Length); // header + two keys
        var row = Assert.Single(alices.Skip(1)).Split('\t');
        Assert.Equal("alice@example.org", row[1]);
        Assert.Equal("backup script", row[2]);
        Assert.DoesNotContain(key, string.Join('\n', all), StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync("revoke", row[0])).Code);
        Assert.Equal(HttpStatusCode.Unauthorized, await ModelsWithAsync(key));
        Assert.Equal(1, (await RunAsync("revoke", row[0])).Code);
    }

    [Theory]
    [InlineData]
    [InlineData("create")]
    [InlineData("create", "alice@example.org", "--name")]
    [InlineData("revoke")]
    public async Task BadUsage_ExitCode2(params string[] args) => Assert.Equal(2, (await RunAsync(args)).Code);

    [Fact]
    public async Task Create_UnknownEmail_ExitCode1() => Assert.Equal(1, (await RunAsync("create", "ghost@example.org")).Code);
}
