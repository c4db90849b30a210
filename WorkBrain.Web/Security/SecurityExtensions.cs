using Microsoft.AspNetCore.SignalR;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Web.Security;

public static class SecurityExtensions
{
    /// <summary>Origin checks for the hub and the circuit, security headers, and the per-user budget on hub calls.</summary>
    public static IHostApplicationBuilder AddSecurity(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // AddHubOptions (not Configure) so that the per-hub copy of the global options does not drop the filter.
        builder.Services.AddSignalR().AddHubOptions<BrainHub>(o => o.AddFilter<HubRateLimitFilter>());
        return builder;
    }

    /// <summary>Goes first in the pipeline, so that every response, errors included, gets the headers.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<OriginCheckMiddleware>();
        return app;
    }
}
