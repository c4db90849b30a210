using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WorkBrain.Web.Accounts;

/// <summary>Who may call the app's own HTTP API (/api/*, /files): a signed-in browser (cookie) or an API key
/// ("Authorization: Bearer wb-…"). A caller that is neither gets 401 JSON, never a redirect to the login page. On a
/// single-user install (Accounts:RequireLogin=false) anyone without credentials is the local user, but a wrong key is
/// still refused.</summary>
internal static class ApiCallerPolicy
{
    public const string Name = "api-caller";
    public const string Scheme = "CookieOrApiKey";

    public static AuthenticationBuilder AddCookieOrApiKey(this AuthenticationBuilder authentication) =>
        authentication.AddPolicyScheme(Scheme, "Cookie or API key", o =>
        {
            o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count > 0
                ? ApiKeyAuthenticationHandler.SchemeName
                : IdentityConstants.ApplicationScheme;
            o.ForwardChallenge = ApiKeyAuthenticationHandler.SchemeName;
            o.ForwardForbid = ApiKeyAuthenticationHandler.SchemeName;
        });

    public static AuthorizationBuilder AddApiCallerPolicy(this AuthorizationBuilder authorization) =>
        authorization.AddPolicy(Name, p => p.AddAuthenticationSchemes(Scheme).AddRequirements(new Requirement()));

    internal sealed class Requirement : IAuthorizationRequirement;

    internal sealed class Handler(IOptions<AccountOptions> options) : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            var authenticated = context.User.Identity?.IsAuthenticated == true;
            var sentCredentials = context.Resource is HttpContext http && http.Request.Headers.Authorization.Count > 0;
            if (authenticated || (!options.Value.RequireLogin && !sentCredentials))
            {
                context.Succeed(requirement);
            }

            return Task.CompletedTask;
        }
    }
}
