using System.Net;
using System.Net.Sockets;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Observability;

/// <summary>Issue 13, item 12: /metrics is for admins, or only on its own port when Metrics:Port is set.</summary>
public sealed class MetricsAccessTests
{
    [Fact]
    public async Task Metrics_OnlyForAdmins()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        using var admin = await SignedInUser.RegisterAsync(app, "admin@example.org");
        using var user = await SignedInUser.RegisterAsync(app, "user@example.org");
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await user.Client.GetAsync("/metrics")).StatusCode); // to "access denied"
        var scraped = await admin.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# ", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_WithItsOwnPort_AnsweredThereToAnyone_AndNowhereElse()
    {
        var port = FreePort();
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Accounts:RequireLogin"] = "true",
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, listen: k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, port);
        });
        app.StartKestrel();
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var main = app.KestrelAddresses.Select(a => new Uri(a)).Single(a => a.Port != port);

        var onItsPort = await http.GetAsync($"http://127.0.0.1:{port}/metrics");
        var onMain = await http.GetAsync(new Uri(main, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, onItsPort.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, onMain.StatusCode);
        // A Host header naming the metrics port does not open it on the main port.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, new Uri(main, "/metrics"));
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        Assert.NotEqual(HttpStatusCode.OK, (await http.SendAsync(spoofed)).StatusCode);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
