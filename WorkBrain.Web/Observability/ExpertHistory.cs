using Microsoft.Extensions.Options;
using WorkBrain.Core.Orchestration;

namespace WorkBrain.Web.Observability;

/// <summary>One point of an expert's recent history: its request count so far, p95 latency and tokens/s at that time.</summary>
public sealed record ExpertSample(DateTimeOffset At, long Requests, double? P95Milliseconds, double? TokensPerSecond);

public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>How often the dashboard's charts take a point (seconds); they show the last hour.</summary>
    public int SampleSeconds { get; set; } = 30;
}

/// <summary>The last hour of every expert's figures, sampled in the background for the dashboard's small charts.</summary>
public sealed class ExpertHistory(ExpertMonitor monitor, ExpertRegistry experts, TimeProvider clock, IOptions<DashboardOptions> options)
    : BackgroundService
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private readonly Dictionary<string, LinkedList<ExpertSample>> _samples = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The samples of the last hour, oldest first, and the figures of this moment as the last point.</summary>
    public IReadOnlyList<ExpertSample> Of(string expert)
    {
        var now = Now(expert);
        lock (_lock)
        {
            return _samples.TryGetValue(expert, out var list) ? [.. list, now] : [now];
        }
    }

    internal void Sample()
    {
        var cutoff = clock.GetUtcNow() - Window;
        foreach (var status in experts.Statuses())
        {
            var sample = Now(status.ExpertId);
            lock (_lock)
            {
                if (!_samples.TryGetValue(status.ExpertId, out var list))
                {
                    _samples[status.ExpertId] = list = new LinkedList<ExpertSample>();
                }

                list.AddLast(sample);
                while (list.First is { } first && first.Value.At < cutoff)
                {
                    list.RemoveFirst();
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Sample();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.SampleSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Sample();
        }
    }

    private ExpertSample Now(string expert)
    {
        var f = monitor.FiguresOf(expert);
        return new ExpertSample(clock.GetUtcNow(), f.Requests, f.P95Milliseconds, f.TokensPerSecond);
    }
}

public static class DashboardExtensions
{
    public static IHostApplicationBuilder AddDashboardHistory(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSingleton<ExpertHistory>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpertHistory>());
        return builder;
    }
}
