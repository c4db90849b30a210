using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Web.Api;

namespace WorkBrain.Web.RateLimiting;

internal static class RateLimitingExtensions
{
    public const string PerUserPolicy = "per-user";

    /// <summary>The per-user budget (<see cref="IUserRateLimiter"/>, in memory unless another implementation is
    /// registered first) and the "per-user" endpoint policy that spends it, answering 429 with a clear message.</summary>
    public static IHostApplicationBuilder AddUserRateLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IUserRateLimiter, InMemoryUserRateLimiter>();
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(PerUserPolicy, context =>
            {
                var partition = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                var limiter = context.RequestServices.GetRequiredService<IUserRateLimiter>();
                var clock = context.RequestServices.GetRequiredService<TimeProvider>();
                return RateLimitPartition.Get(partition, key => new UserPartitionLimiter(limiter, key, clock));
            });
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var seconds = 60;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                    response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                }

                await response.WriteAsJsonAsync(new
                {
                    error = new { message = new RateLimitExceededException(TimeSpan.FromSeconds(seconds)).Message, type = "rate_limit_error", code = "rate_limited" },
                }, ct);
            };
        });
        return builder;
    }
}
