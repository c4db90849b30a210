using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Observability;

/// <summary>Who may read /metrics: admins, or, when Metrics:Port is set, any connection on that port (and nobody
/// on the others). The port is the socket's, not the Host header's, so it cannot be claimed by a request.</summary>
internal sealed class MetricsAccessRequirement : IAuthorizationRequirement
{
    public const string Policy = "metrics";
}

internal sealed class MetricsAccessHandler(IOptions<MetricsOptions> metrics, IOptions<AccountOptions> accounts) : AuthorizationHandler<MetricsAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MetricsAccessRequirement requirement)
    {
        var port = metrics.Value.Port;
        var allowed = port > 0
            ? context.Resource is HttpContext http && http.Connection.LocalPort == port
            : !accounts.Value.RequireLogin || context.User.IsInRole(AccountOptions.AdminRole);
        if (allowed)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
