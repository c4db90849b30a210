using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Observability;

/// <summary>Ready when the database answers; the experts' states are reported as data (a missing model is a
/// status of that expert, not an unready app).</summary>
internal sealed class ReadinessCheck(IDbContextFactory<WorkBrainDbContext> contexts, ExpertRegistry experts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = experts.Statuses().ToDictionary(s => s.ExpertId, s => (object)s.State.ToString());
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.", data: data);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", ex, data);
        }

        var ready = data.Values.Count(v => (string)v == nameof(ExpertState.Ready));
        return HealthCheckResult.Healthy($"{ready} of {data.Count} experts ready.", data);
    }
}
