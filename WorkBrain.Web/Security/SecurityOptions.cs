using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Security;

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Origins (scheme://host[:port]) whose pages may open the hub (/hubs/brain) and the Blazor circuit
    /// (/_blazor). Empty: only the app's own origin, the scheme, host and port the request came to. Behind a reverse
    /// proxy that terminates TLS, list the public origin (e.g. https://brain.example.org).</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Reverse proxies whose X-Forwarded-For, X-Forwarded-Proto and X-Forwarded-Host are believed: IP addresses
    /// (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>). A request from one of them is seen as the client's (its address,
    /// https, the public host: secure cookies, HSTS, the origin check, absolute links); from anywhere else those headers
    /// are ignored. Empty: the loopback addresses only (a proxy on the same machine).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Strict-Transport-Security max-age sent on HTTPS responses (0: none). Not sent to localhost.</summary>
    [Range(0, 3650)]
    public int HstsMaxAgeDays { get; set; } = 365;

    /// <summary>The Content-Security-Policy of every page (a response that sets its own, such as a user file, keeps it).</summary>
    public string ContentSecurityPolicy { get; set; } =
        "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
}
