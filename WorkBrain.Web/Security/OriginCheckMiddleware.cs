using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Security;

/// <summary>
/// Refuses (403) a connection to the hub or the Blazor circuit opened by a page of another origin. Browsers send the
/// signed-in user's cookie with a WebSocket upgrade from any page of the same site (another port of the same host
/// counts as the same site), and WebSockets are not covered by CORS, so without this check such a page could act as
/// the user. Requests without an Origin header (non-browser clients: they hold their own credentials) pass.
/// </summary>
internal sealed partial class OriginCheckMiddleware(RequestDelegate next, IOptionsMonitor<SecurityOptions> options, ILogger<OriginCheckMiddleware> logger)
{
    private static readonly PathString[] Guarded = ["/hubs", "/_blazor"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && Guarded.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) && !IsAllowed(origin, request))
        {
            LogRefused(logger, origin, request.Path);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync("This origin may not connect to WorkBrain: add it to Security:AllowedOrigins if it should.");
            return;
        }

        await next(context);
    }

    private bool IsAllowed(string origin, HttpRequest request)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false; // includes the opaque origin "null" of sandboxed frames and files
        }

        var allowed = options.CurrentValue.AllowedOrigins;
        if (allowed.Count > 0)
        {
            return allowed.Any(a => Uri.TryCreate(a.Trim(), UriKind.Absolute, out var a2) && SameOrigin(uri, a2.Scheme, a2.Host, a2.Port));
        }

        var host = request.Host;
        if (!host.HasValue)
        {
            return false;
        }

        var port = host.Port ?? (string.Equals(request.Scheme, "https", StringComparison.OrdinalIgnoreCase) ? 443 : 80);
        return SameOrigin(uri, request.Scheme, host.Host, port);
    }

    private static bool SameOrigin(Uri origin, string scheme, string host, int port) =>
        string.Equals(origin.Scheme, scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(origin.IdnHost.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
        && origin.Port == port;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a connection to {Path} from origin {Origin}")]
    private static partial void LogRefused(ILogger logger, string origin, PathString path);
}
