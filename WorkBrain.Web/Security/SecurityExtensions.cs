using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Web.Security;

public static class SecurityExtensions
{
    /// <summary>Origin checks for the hub and the circuit, security headers, and the per-user budget on hub calls.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations()
            .Validate(o => TrustedProxies.AreValid(o.TrustedProxies), TrustedProxies.Invalid).ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) => TrustedProxies.Apply(o, security.Value.TrustedProxies));
        // AddHubOptions (not Configure) so that the per-hub copy of the global options does not drop the filter.
        builder.Services.AddSignalR().AddHubOptions<BrainHub>(o => o.AddFilter<HubRateLimitFilter>());
        return builder;
    }

    /// <summary>Goes first in the pipeline, so that every response, errors included, gets the headers. Before them, a trusted
    /// reverse proxy's X-Forwarded-* headers make the request the client's (scheme, host, address).</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<OriginCheckMiddleware>();
        return app;
    }
}
