namespace WorkBrain.Core.Text.Local;

/// <summary>Running figures of a loaded local model for the dashboard.</summary>
public sealed record LocalModelStats(
    long Requests,
    long Failed,
    long OutputTokens,
    double LastTokensPerSecond,
    double AverageTimeToFirstTokenMs,
    int QueueDepth,
    int Running,
    double LastLoopOverheadPercent);

internal sealed class LocalModelCounters
{
    private readonly Lock _gate = new();
    private long _requests;
    private long _failed;
    private long _tokens;
    private double _lastTokensPerSecond;
    private double _lastOverhead;
    private double _ttftSumMs;
    private long _ttftCount;

    public void Record(GenerationResult result)
    {
        lock (_gate)
        {
            _requests++;
            _tokens += result.OutputTokens;
            if (result.OutputTokens > 0 && result.DecodeTime > TimeSpan.Zero)
            {
                _lastTokensPerSecond = result.OutputTokens / result.DecodeTime.TotalSeconds;
                _lastOverhead = result.DecodeModelTime > TimeSpan.Zero ? 100.0 * ((result.DecodeTime / result.DecodeModelTime) - 1) : 0;
            }

            _ttftSumMs += result.TimeToFirstToken.TotalMilliseconds;
            _ttftCount++;
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            _requests++;
            _failed++;
        }
    }

    public LocalModelStats Snapshot(GenerationScheduler scheduler)
    {
        lock (_gate)
        {
            return new LocalModelStats(_requests, _failed, _tokens, _lastTokensPerSecond, _ttftCount == 0 ? 0 : _ttftSumMs / _ttftCount, scheduler.QueueDepth, scheduler.Running, _lastOverhead);
        }
    }
}
