using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Accounts;

/// <summary>Admins only: users in the admin role, or anyone on a single-user install (sign-in not required).</summary>
internal sealed class AdminRequirement : IAuthorizationRequirement
{
    public const string Policy = "admin";
}

internal sealed class AdminRequirementHandler(IOptions<AccountOptions> options) : AuthorizationHandler<AdminRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AdminRequirement requirement)
    {
        if (!options.Value.RequireLogin || context.User.IsInRole(AccountOptions.AdminRole))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
