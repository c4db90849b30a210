using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Security;

/// <summary>The headers a security review expects on every response: a script CSP, nosniff, a referrer policy, no
/// framing by other sites, and HSTS on HTTPS (not for localhost, where it would stick to every local app). A response
/// that already set one of them (a user file's sandbox CSP, say) keeps its own.</summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptionsMonitor<SecurityOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var (context, options) = ((HttpContext, SecurityOptions))state;
            var headers = context.Response.Headers;
            headers.TryAdd("X-Content-Type-Options", "nosniff");
            headers.TryAdd("Referrer-Policy", "same-origin");
            headers.TryAdd("X-Frame-Options", "DENY");
            if (!string.IsNullOrWhiteSpace(options.ContentSecurityPolicy))
            {
                headers.TryAdd("Content-Security-Policy", options.ContentSecurityPolicy);
            }

            if (context.Request.IsHttps && options.HstsMaxAgeDays > 0 && !IsLoopback(context.Request.Host.Host))
            {
                headers.TryAdd("Strict-Transport-Security", $"max-age={options.HstsMaxAgeDays * 86400L}");
            }

            return Task.CompletedTask;
        }, (context, options.CurrentValue));
        return next(context);
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
