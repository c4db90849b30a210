using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WorkBrain.Web.Security;

/// <summary>Which senders' X-Forwarded-* headers are believed (<see cref="SecurityOptions.TrustedProxies"/>).</summary>
internal static class TrustedProxies
{
    public const string Invalid = "Security:TrustedProxies: each entry must be an IP address (10.0.0.5) or a network (10.0.0.0/8).";

    public static bool AreValid(IEnumerable<string> entries) => entries.All(e => TryParse(e, out _));

    /// <summary>The client's address, scheme and host from a trusted proxy's headers; the configured proxies replace the
    /// default (loopback) when any are given.</summary>
    public static void Apply(ForwardedHeadersOptions options, IReadOnlyCollection<string> entries)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        if (entries.Count == 0)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in entries)
        {
            if (TryParse(entry, out var network))
            {
                options.KnownIPNetworks.Add(network);
            }
        }
    }

    private static bool TryParse(string entry, out System.Net.IPNetwork network)
    {
        entry = entry.Trim();
        if (IPAddress.TryParse(entry, out var address))
        {
            network = new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }

        return System.Net.IPNetwork.TryParse(entry, out network);
    }
}
