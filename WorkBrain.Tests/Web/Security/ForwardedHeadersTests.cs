using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Security;

namespace WorkBrain.Tests.Web.Security;

/// <summary>Behind a reverse proxy that ends TLS (the README's nginx or YARP), the proxy's X-Forwarded-Proto/Host/For make
/// the request the browser's: https (secure cookies, HSTS) and the public host (the origin check of the hub and the
/// circuit); from an address that is not a trusted proxy the same headers change nothing. Real Kestrel, so requests come
/// from 127.0.0.1 as from a proxy on the same machine.</summary>
public sealed class ForwardedHeadersTests
{
    private const string PublicOrigin = "https://brain.example.org";

    [Fact]
    public async Task FromATrustedProxy_ForwardedHttps_GivesSecureCookiesHsts_AndThePublicOriginMayOpenTheHub()
    {
        await using var app = new WorkBrainAppFactory(kestrel: true);
        var url = app.StartKestrel();

        var (cookies, hsts) = await LoginPageAsync(url);
        var negotiate = await NegotiateAsync(url);

        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(hsts);
        Assert.Equal(HttpStatusCode.OK, negotiate);
    }

    [Fact]
    public async Task FromAnAddressThatIsNoTrustedProxy_ForwardedHeadersAreIgnored()
    {
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Security:TrustedProxies:0"] = "10.20.30.0/24" }, kestrel: true);
        var url = app.StartKestrel();

        var (cookies, hsts) = await LoginPageAsync(url);
        var negotiate = await NegotiateAsync(url);

        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Null(hsts);
        Assert.Equal(HttpStatusCode.Forbidden, negotiate);
    }

    [Fact]
    public void TrustedProxies_NotAnAddressOrNetwork_FailsAtStartWithWhatToWrite()
    {
        using var app = new WorkBrainAppFactory(new Dictionary<string, string?> { ["Security:TrustedProxies:0"] = "proxy.internal" });

        var error = Assert.ThrowsAny<Exception>(() => app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value);

        Assert.Contains("Security:TrustedProxies", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The sign-in page as the proxy forwards it: its Set-Cookie headers and its Strict-Transport-Security.</summary>
    private static async Task<(List<string> Cookies, string? Hsts)> LoginPageAsync(string url)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = Forwarded(HttpMethod.Get, url + "/account/login");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        var hsts = response.Headers.TryGetValues("Strict-Transport-Security", out var h) ? h.Single() : null;
        return (cookies, hsts);
    }

    /// <summary>The first step of a hub connection, opened by a page of the public origin.</summary>
    private static async Task<HttpStatusCode> NegotiateAsync(string url)
    {
        using var http = new HttpClient();
        using var request = Forwarded(HttpMethod.Post, url + "/hubs/brain/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", PublicOrigin);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", "brain.example.org");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        return request;
    }
}
