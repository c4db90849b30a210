using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Security;

/// <summary>Issue 13, item 12: the headers a security review expects, and HSTS and Secure cookies over HTTPS only.</summary>
public sealed class SecurityHeadersTests : IAsyncLifetime
{
    private WorkBrainAppFactory _app = default!;

    public Task InitializeAsync()
    {
        _app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Accounts:RequireLogin"] = "true" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    [InlineData("/no-such-page")]
    public async Task EveryResponse_HasCspNosniffReferrerPolicyAndNoFraming(string path)
    {
        using var client = _app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp.Split(';').Single(d => d.Trim().StartsWith("script-src", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains(response.Headers.GetValues("X-Frame-Options").Single(), new[] { "DENY", "SAMEORIGIN" });
    }

    [Fact]
    public async Task Http_NoHsts_AndCookiesWithoutSecure()
    {
        using var client = _app.CreateDefaultClient(new Uri("http://workbrain.example/"), new CookieContainerHandler());

        var response = await client.GetAsync("/account/login");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Https_SendsHsts_AndEveryCookieIsSecure()
    {
        await SignedInUser.RegisterAsync(_app, "alice@example.org");
        using var client = _app.CreateDefaultClient(new Uri("https://workbrain.example/"), new CookieContainerHandler());

        var page = await client.GetAsync("/account/login");
        var signIn = await SignedInUser.PostFormAsync(client, "/account/login", "login", new()
        {
            ["Input.Email"] = "alice@example.org",
            ["Input.Password"] = SignedInUser.Password,
        });

        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = page.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.All(cookies, c => Assert.Contains("; httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Https_Localhost_NoHsts()
    {
        using var client = _app.CreateDefaultClient(new Uri("https://localhost/"));

        var response = await client.GetAsync("/health/live");

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
