using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Web.Api;

internal static class ApiExtensions
{
    /// <summary>API keys, the /v1 authorization policy and per-user rate limits with a clear 429.</summary>
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

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(OpenAiEndpoints.RateLimit, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RequestsPerMinute;
                var partition = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.Connection.RemoteIpAddress?.ToString() ?? "anonymous";
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retry.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await context.HttpContext.Response.WriteAsJsonAsync(new
                {
                    error = new { message = "Too many requests: the per-user limit is reached; try again in a minute.", type = "rate_limit_error", code = "rate_limited" },
                }, ct);
            };
        });
        return builder;
    }
}
