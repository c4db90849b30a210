using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Orchestration;

/// <summary>Live figures of every expert and of the gate for the dashboard: requests, failures, in flight,
/// p50/p95 latency, tokens/s, last use and last error, for every expert of the catalog (the built-in eight and those
/// added with <c>AddExpert</c>). Subscribers are told when anything changes.</summary>
public sealed class ExpertMonitor(TimeProvider clock, ExpertCatalog? catalog = null)
{
    private const int Window = 512;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Counters> _experts = (catalog ?? new ExpertCatalog()).All.ToDictionary(d => d.Id, _ => new Counters(), StringComparer.Ordinal);
    private readonly Dictionary<string, long> _selections = (catalog ?? new ExpertCatalog()).All.ToDictionary(d => d.Id, _ => 0L, StringComparer.Ordinal);
    private readonly Queue<double> _gateLatency = new();
    private readonly List<Action> _subscribers = [];
    private long _decisions;

    public ExpertMonitor()
        : this(TimeProvider.System)
    {
    }

    public IDisposable Subscribe(Action onChange)
    {
        ArgumentNullException.ThrowIfNull(onChange);
        lock (_gate)
        {
            _subscribers.Add(onChange);
        }

        return new Subscription(this, onChange);
    }

    public void RecordDecision(Gate.GateDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        lock (_gate)
        {
            _decisions++;
            Push(_gateLatency, decision.ElapsedMilliseconds);
            foreach (var s in decision.Selected)
            {
                _selections[s.Expert] = _selections.GetValueOrDefault(s.Expert) + 1;
            }
        }

        Notify();
    }

    public void RecordStarted(string expert)
    {
        lock (_gate)
        {
            Get(expert).InFlight++;
        }

        Notify();
    }

    public void RecordCancelled(string expert)
    {
        lock (_gate)
        {
            var c = Get(expert);
            c.InFlight = Math.Max(0, c.InFlight - 1);
        }

        Notify();
    }

    public void RecordFinished(string expert, double elapsedMilliseconds, int tokens, double? tokensPerSecond, string? error)
    {
        lock (_gate)
        {
            var c = Get(expert);
            c.InFlight = Math.Max(0, c.InFlight - 1);
            c.Requests++;
            c.LastUsed = clock.GetUtcNow();
            Push(c.Latency, elapsedMilliseconds);
            c.Tokens += tokens;
            if (tokensPerSecond is { } tps)
            {
                c.LastTokensPerSecond = tps;
            }

            if (error is not null)
            {
                c.Failures++;
                c.LastError = error;
            }
        }

        Notify();
    }

    public ExpertFigures FiguresOf(string expert)
    {
        lock (_gate)
        {
            var c = Get(expert);
            var sorted = c.Latency.Order().ToArray();
            return new ExpertFigures(expert, c.Requests, c.Failures, c.InFlight, Percentile(sorted, 0.5), Percentile(sorted, 0.95),
                c.Tokens, c.LastTokensPerSecond, c.LastUsed, c.LastError);
        }
    }

    public GateFigures GateFigures()
    {
        lock (_gate)
        {
            var sorted = _gateLatency.Order().ToArray();
            return new GateFigures(_decisions, new Dictionary<string, long>(_selections), Percentile(sorted, 0.5), Percentile(sorted, 0.99));
        }
    }

    private Counters Get(string expert)
    {
        if (!_experts.TryGetValue(expert, out var c))
        {
            c = _experts[expert] = new Counters();
        }

        return c;
    }

    private static void Push(Queue<double> window, double value)
    {
        window.Enqueue(value);
        if (window.Count > Window)
        {
            window.Dequeue();
        }
    }

    private static double? Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? null : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private void Notify()
    {
        Action[] subscribers;
        lock (_gate)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var s in subscribers)
        {
            s();
        }
    }

    private sealed class Counters
    {
        public long Requests;
        public long Failures;
        public int InFlight;
        public long Tokens;
        public double? LastTokensPerSecond;
        public DateTimeOffset? LastUsed;
        public string? LastError;
        public readonly Queue<double> Latency = new();
    }

    private sealed class Subscription(ExpertMonitor monitor, Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (monitor._gate)
            {
                monitor._subscribers.Remove(action);
            }
        }
    }
}

public sealed record ExpertFigures(
    string Expert, long Requests, long Failures, int InFlight, double? P50Milliseconds, double? P95Milliseconds,
    long Tokens, double? TokensPerSecond, DateTimeOffset? LastUsed, string? LastError);

public sealed record GateFigures(long Decisions, IReadOnlyDictionary<string, long> Selections, double? P50Milliseconds, double? P99Milliseconds);
