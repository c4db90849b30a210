using Microsoft.AspNetCore.Authentication;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.RateLimiting;

namespace WorkBrain.Web.Api;

internal static class ApiExtensions
{
    /// <summary>API keys, the /v1 authorization policy and per-user rate limits with a clear 429 (see RateLimitingExtensions).</summary>
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiKeyService>();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookieOrApiKey();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, ApiCallerPolicy.Handler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(OpenAiEndpoints.Policy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser())
            .AddApiCallerPolicy();

        builder.AddUserRateLimits();
        return builder;
    }
}
