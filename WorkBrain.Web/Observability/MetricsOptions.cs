using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Observability;

public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>0: /metrics is for admins only. A port: /metrics is answered only to connections on that port, to
    /// anyone who can reach it (a scraper on a private network); add the port to the server's URLs, e.g.
    /// <c>--urls "http://0.0.0.0:5000;http://10.0.0.5:9464"</c>.</summary>
    [Range(0, 65535)]
    public int Port { get; set; }
}
