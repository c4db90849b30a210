using Bunit;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;
using WorkBrain.Web.Observability;

namespace WorkBrain.Tests.Web.Components.Admin;

/// <summary>An expert's card on /admin: its facts, and the last hour of requests, p95 and tokens/s as small charts fed
/// by <see cref="ExpertHistory"/>, which forgets what is older than an hour.</summary>
public sealed class ExpertCardTests : BunitTestBase
{
    private sealed class Clock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private readonly Clock _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private static ExpertStatus Text => new(ExpertIds.TextGeneration, ExpertState.Ready, "local ONNX", "GPU (CUDA)", "", "qwen2.5-0.5b", MemoryBytes: 3L << 29, QueueDepth: 2);

    private void Finish(ExpertMonitor monitor, int count, double milliseconds, double tokensPerSecond)
    {
        for (var i = 0; i < count; i++)
        {
            monitor.RecordStarted(ExpertIds.TextGeneration);
            monitor.RecordFinished(ExpertIds.TextGeneration, milliseconds, 40, tokensPerSecond, null);
        }
    }

    [Fact]
    public void Render_HistoryOfTheLastHour_ChartsRequestsP95AndTokensPerSecond()
    {
        var monitor = new ExpertMonitor(_clock);
        var history = new ExpertHistory(monitor, new ExpertRegistry([]), _clock, Options.Create(new DashboardOptions()));
        history.Sample();
        Finish(monitor, 3, 200, 20);
        _clock.Now += TimeSpan.FromSeconds(30);
        history.Sample();
        Finish(monitor, 1, 900, 35);
        _clock.Now += TimeSpan.FromSeconds(30);

        var cut = Context.Render<ExpertCard>(p => p
            .Add(c => c.Row, new ExpertRow(Text, monitor.FiguresOf(ExpertIds.TextGeneration)))
            .Add(c => c.History, history.Of(ExpertIds.TextGeneration)));

        Assert.Equal("ready", cut.Find("[data-testid=card-state]").TextContent);
        Assert.Contains("GPU (CUDA)", cut.Markup, StringComparison.Ordinal);
        var charts = cut.FindAll("[data-testid=sparkline]");
        Assert.Equal(3, charts.Count);
        // Requests in the hour (4), drawn as the requests of each interval: 3, then 1.
        Assert.Equal("4", charts[0].QuerySelector(".sparkline-value")!.TextContent);
        Assert.Equal("0,2 120,20.7", charts[0].QuerySelector(".sparkline-line")!.GetAttribute("points"));
        // Three points of p95 and of tokens/s: before any request, after three, after the fourth.
        Assert.Equal(3, charts[1].QuerySelector(".sparkline-line")!.GetAttribute("points")!.Split(' ').Length);
        Assert.Equal("35.0", charts[2].QuerySelector(".sparkline-value")!.TextContent);
    }

    [Fact]
    public void History_OlderThanAnHour_IsForgotten()
    {
        var monitor = new ExpertMonitor(_clock);
        var history = new ExpertHistory(monitor, new ExpertRegistry([]), _clock, Options.Create(new DashboardOptions()));
        history.Sample();
        Finish(monitor, 5, 100, 10);
        _clock.Now += TimeSpan.FromMinutes(30);
        history.Sample();
        _clock.Now += TimeSpan.FromMinutes(45);
        history.Sample();

        var samples = history.Of(ExpertIds.TextGeneration);

        // The first sample (75 minutes ago) is gone; the one of 45 minutes ago, this one and now remain.
        Assert.Equal([_clock.Now - TimeSpan.FromMinutes(45), _clock.Now, _clock.Now], samples.Select(s => s.At).ToList());
        Assert.All(samples, s => Assert.Equal(5, s.Requests));
    }

    [Fact]
    public void Render_NoHistoryYet_FlatLinesAndNoRequests()
    {
        var cut = Context.Render<ExpertCard>(p => p
            .Add(c => c.Row, new ExpertRow(Text, new ExpertMonitor(_clock).FiguresOf(ExpertIds.TextGeneration)))
            .Add(c => c.History, []));

        Assert.Equal("0", cut.Find("[data-testid=sparkline] .sparkline-value").TextContent);
        Assert.Equal(3, cut.FindAll(".sparkline-empty").Count);
    }
}
