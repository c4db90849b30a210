using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Benchmarks;

/// <summary>Latency of the trained gate on one thread over the test split's requests (clause splitting included).
/// Optional argument: the path to gate.json.</summary>
internal sealed class GateBenchmark : IBenchmark
{
    private sealed class FixedOptions(GateOptions value) : IOptionsMonitor<GateOptions>
    {
        public GateOptions CurrentValue => value;

        public GateOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GateOptions, string?> listener) => null;
    }

    public string Name => "gate";

    public string Description => "trained gate: p50/p99 latency and requests/s on one thread";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var root = FindRoot();
        var config = args.Count > 0 ? args[0] : Path.Combine(root, "models", "gate", "gate.json");
        var texts = File.ReadLines(Path.Combine(root, "models", "gate", "data", "test.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToList();
        using var gate = OnnxGate.Load(config, new FixedOptions(new GateOptions()));
        var turns = texts.Select(t => Turn.FromText(t)).ToList();

        for (var i = 0; i < 500; i++)
        {
            await gate.RouteAsync(turns[i % turns.Count], cancellationToken);
        }

        const int rounds = 5;
        var latencies = new double[turns.Count * rounds];
        var compound = turns.Count(t => ClauseSplitter.Split(t.Text).Count > 1);
        var total = Stopwatch.StartNew();
        for (var r = 0; r < rounds; r++)
        {
            for (var i = 0; i < turns.Count; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await gate.RouteAsync(turns[i], cancellationToken);
                latencies[(r * turns.Count) + i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        total.Stop();
        Array.Sort(latencies);
        await output.WriteLineAsync($"model      {config} ({gate.Name})");
        await output.WriteLineAsync($"requests   {latencies.Length} ({turns.Count} test-split requests x {rounds}; {compound} of them split into clauses)");
        await output.WriteLineAsync($"p50        {Percentile(latencies, 0.50):F3} ms");
        await output.WriteLineAsync($"p90        {Percentile(latencies, 0.90):F3} ms");
        await output.WriteLineAsync($"p99        {Percentile(latencies, 0.99):F3} ms");
        await output.WriteLineAsync($"max        {latencies[^1]:F3} ms");
        await output.WriteLineAsync($"throughput {latencies.Length / total.Elapsed.TotalSeconds:F0} requests/s on one thread");
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WorkBrain.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
