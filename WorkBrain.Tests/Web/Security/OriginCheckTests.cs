using System.Net;
using Microsoft.AspNetCore.SignalR.Client;
using WorkBrain.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Tests.Web.Security;

/// <summary>Issue 13, item 2: a page of another origin (another port of the same host included) cannot open the hub
/// or the Blazor circuit with the signed-in user's cookie; the app's own pages and non-browser clients can.</summary>
public sealed class OriginCheckTests : IAsyncLifetime
{
    // TestServer's requests go to http://localhost (port 80).
    private const string Own = "http://localhost";
    private const string OtherPort = "http://localhost:8081";

    private WorkBrainAppFactory _app = default!;
    private SignedInUser _alice = default!;

    public async Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        _alice = await SignedInUser.RegisterAsync(_app, "alice@example.org");
        await _app.Services.GetRequiredService<ChatStore>().CreateSessionAsync(_alice.Id, "Alice's secret plans");
    }

    public async Task DisposeAsync()
    {
        _alice.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData(OtherPort)]
    [InlineData("https://localhost")]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    public async Task HubWebSocket_ForeignOrigin_IsRefusedWith403(string origin)
    {
        await using var hub = _alice.Hub(origin);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync());

        Assert.Contains("403", Flatten(error), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Own)]
    [InlineData(null)]
    public async Task HubWebSocket_OwnOriginOrNone_ReadsTheUsersSessions(string? origin)
    {
        await using var hub = _alice.Hub(origin);
        await hub.StartAsync();

        var sessions = await hub.InvokeAsync<IReadOnlyList<SessionSummary>>("GetSessions", (string?)null);

        Assert.Equal("Alice's secret plans", Assert.Single(sessions).Title);
    }

    [Theory]
    [InlineData("/hubs/brain/negotiate?negotiateVersion=1", OtherPort, HttpStatusCode.Forbidden)]
    [InlineData("/hubs/brain/negotiate?negotiateVersion=1", Own, HttpStatusCode.OK)]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", OtherPort, HttpStatusCode.Forbidden)]
    [InlineData("/_blazor/negotiate?negotiateVersion=1", Own, HttpStatusCode.OK)]
    public async Task Negotiate_HubAndCircuit_CheckTheOrigin(string path, string origin, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Origin", origin);

        var response = await _alice.Client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task AllowedOrigins_Configured_OnlyThoseMayConnect()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Security:AllowedOrigins:0"] = "https://brain.example.org",
        });

        await using (var proxied = SignedInUser.Connect(app, null, "https://brain.example.org"))
        {
            await proxied.StartAsync();
            Assert.Empty(await proxied.InvokeAsync<IReadOnlyList<SessionSummary>>("GetSessions", (string?)null));
        }

        await using var direct = SignedInUser.Connect(app, null, Own);
        Assert.Contains("403", Flatten(await Assert.ThrowsAnyAsync<Exception>(() => direct.StartAsync())), StringComparison.Ordinal);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);
}
