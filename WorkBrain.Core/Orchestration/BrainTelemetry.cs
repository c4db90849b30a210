using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WorkBrain.Core.Orchestration;

/// <summary>The engine's meter and activity source: gate decisions, expert latency, tokens.</summary>
public sealed class BrainTelemetry : IDisposable
{
    public const string Name = "WorkBrain";

    private readonly Meter _meter;
    private readonly Counter<long> _selections;
    private readonly Histogram<double> _gateLatency;
    private readonly Histogram<double> _expertLatency;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _failures;

    private readonly ExpertMonitor? _monitor;

    public BrainTelemetry(IMeterFactory? meterFactory = null, ExpertMonitor? monitor = null)
    {
        _monitor = monitor;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _selections = _meter.CreateCounter<long>("workbrain.gate.selections", description: "Experts selected by the gate");
        _gateLatency = _meter.CreateHistogram<double>("workbrain.gate.latency", "ms", "Gate routing latency");
        _expertLatency = _meter.CreateHistogram<double>("workbrain.expert.latency", "ms", "Expert run time");
        _tokens = _meter.CreateCounter<long>("workbrain.expert.tokens", description: "Text tokens streamed by experts");
        _failures = _meter.CreateCounter<long>("workbrain.expert.failures", description: "Expert runs that failed");
    }

    public static ActivitySource Activities { get; } = new(Name);

    public void RecordGate(Gate.GateDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        _monitor?.RecordDecision(decision);
        _gateLatency.Record(decision.ElapsedMilliseconds, new KeyValuePair<string, object?>("gate", decision.Gate));
        foreach (var selection in decision.Selected)
        {
            _selections.Add(1, new KeyValuePair<string, object?>("expert", selection.Expert));
        }
    }

    public void RecordExpertStarted(string expert) => _monitor?.RecordStarted(expert);

    public void RecordExpertCancelled(string expert) => _monitor?.RecordCancelled(expert);

    public void RecordExpert(string expert, double elapsedMilliseconds, int tokens, double? tokensPerSecond, string? error)
    {
        var failed = error is not null;
        _monitor?.RecordFinished(expert, elapsedMilliseconds, tokens, tokensPerSecond, error);
        var tag = new KeyValuePair<string, object?>("expert", expert);
        _expertLatency.Record(elapsedMilliseconds, tag);
        if (tokens > 0)
        {
            _tokens.Add(tokens, tag);
        }

        if (failed)
        {
            _failures.Add(1, tag);
        }
    }

    public void Dispose() => _meter.Dispose();
}
