using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Orchestration;

namespace WorkBrain.Tests.Core.Orchestration;

public sealed class ExpertMonitorTests
{
    [Fact]
    public void RecordFinished_ComputesPercentilesFailuresAndInFlight()
    {
        var monitor = new ExpertMonitor();
        for (var i = 1; i <= 100; i++)
        {
            monitor.RecordStarted(ExpertIds.TextGeneration);
            monitor.RecordFinished(ExpertIds.TextGeneration, i, 10, 25.0, i == 100 ? "server down" : null);
        }

        monitor.RecordStarted(ExpertIds.TextGeneration);
        var f = monitor.FiguresOf(ExpertIds.TextGeneration);

        Assert.Equal(100, f.Requests);
        Assert.Equal(1, f.Failures);
        Assert.Equal(1, f.InFlight);
        Assert.Equal(50, f.P50Milliseconds);
        Assert.Equal(95, f.P95Milliseconds);
        Assert.Equal("server down", f.LastError);
        Assert.Equal(1000, f.Tokens);
    }

    [Fact]
    public void RecordDecision_CountsSelectionsAndNotifiesSubscribers()
    {
        var monitor = new ExpertMonitor();
        var notified = 0;
        using (monitor.Subscribe(() => notified++))
        {
            monitor.RecordDecision(GateDecision.Single(ExpertIds.ImageGeneration, "a cat", "test"));
        }

        monitor.RecordDecision(GateDecision.Single(ExpertIds.ImageGeneration, "a dog", "test"));

        Assert.Equal(1, notified);
        Assert.Equal(2, monitor.GateFigures().Selections[ExpertIds.ImageGeneration]);
        Assert.Equal(2, monitor.GateFigures().Decisions);
    }

    [Fact]
    public void RecordCancelled_LeavesNothingInFlight()
    {
        var monitor = new ExpertMonitor();
        monitor.RecordStarted(ExpertIds.Tts);
        monitor.RecordCancelled(ExpertIds.Tts);

        Assert.Equal(0, monitor.FiguresOf(ExpertIds.Tts).InFlight);
        Assert.Equal(0, monitor.FiguresOf(ExpertIds.Tts).Requests);
    }
}
