using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WorkBrain.Core.Orchestration;

namespace WorkBrain.Web.Observability;

internal static class ObservabilityExtensions
{
    /// <summary>Health checks, and OpenTelemetry metrics and traces (gate decisions, expert latency, tokens):
    /// scraped at /metrics, and exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set.</summary>
    public static IHostApplicationBuilder AddObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(MetricsAccessRequirement.Policy, p => p.AddRequirements(new MetricsAccessRequirement()));
        builder.Services.AddHealthChecks()
            .AddCheck("live", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<ReadinessCheck>("ready", tags: ["ready"]);

        var otel = builder.Services.AddOpenTelemetry()
            .WithMetrics(m => m.AddMeter(BrainTelemetry.Name).AddAspNetCoreInstrumentation().AddPrometheusExporter())
            .WithTracing(t => t.AddSource(BrainTelemetry.Name).AddAspNetCoreInstrumentation());
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithMetrics(m => m.AddOtlpExporter()).WithTracing(t => t.AddOtlpExporter());
        }

        return builder;
    }

    public static WebApplication MapObservability(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsAccessRequirement.Policy);
        return app;
    }
}
