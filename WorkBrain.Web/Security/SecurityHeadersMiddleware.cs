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
            if (!string.IsNullOrWhiteSpace(options.ContentSecurityPolicy) && !HasOwnPolicy(headers))
            {
                headers.ContentSecurityPolicy = options.ContentSecurityPolicy;
            }

            if (context.Request.IsHttps && options.HstsMaxAgeDays > 0 && !IsLoopback(context.Request.Host.Host))
            {
                headers.TryAdd("Strict-Transport-Security", $"max-age={options.HstsMaxAgeDays * 86400L}");
            }

            return Task.CompletedTask;
        }, (context, options.CurrentValue));
        return next(context);
    }

    /// <summary>A response with a policy of its own keeps it, except Blazor's interactive pages, which only say
    /// "frame-ancestors 'self'": ours includes a stricter frame-ancestors.</summary>
    private static bool HasOwnPolicy(IHeaderDictionary headers)
    {
        var existing = headers.ContentSecurityPolicy.ToString().Trim();
        return existing.Length > 0 && (!existing.StartsWith("frame-ancestors", StringComparison.OrdinalIgnoreCase) || existing.Contains(';', StringComparison.Ordinal));
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host.Trim('[', ']'), out var ip) && System.Net.IPAddress.IsLoopback(ip));
}
