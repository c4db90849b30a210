using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Benchmarks;

/// <summary>Latency of the trained gate on one thread over the test split's requests (clause splitting included), then of a
/// seed-style BERT-base + TextCNN gate (12 layers, hidden 768, max length 38, random weights, generated for this run with
/// models/fixtures/bert_base_gate.py into a temporary folder) through the same code path, and the ratio of the two.
/// Arguments: [path/to/gate.json] [--no-bert].</summary>
internal sealed class GateBenchmark : IBenchmark
{
    private sealed class FixedOptions(GateOptions value) : IOptionsMonitor<GateOptions>
    {
        public GateOptions CurrentValue => value;

        public GateOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<GateOptions, string?> listener) => null;
    }

    private sealed record Timing(double P50, double P90, double P99, double Max, double PerSecond, int Count);

    public string Name => "gate";

    public string Description => "trained gate vs a seed-style BERT-base gate: p50/p99 latency and requests/s on one thread";

    public async Task RunAsync(IReadOnlyList<string> args, TextWriter output, CancellationToken cancellationToken)
    {
        var root = FindRoot();
        var config = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal))
                     ?? Path.Combine(root, "models", "gate", "gate.json");
        var texts = File.ReadLines(Path.Combine(root, "models", "gate", "data", "test.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToList();
        var turns = texts.Select(t => Turn.FromText(t)).ToList();
        var compound = turns.Count(t => ClauseSplitter.Split(t.Text).Count > 1);

        Timing trained;
        string name;
        using (var gate = OnnxGate.Load(config, new FixedOptions(new GateOptions())))
        {
            name = gate.Name;
            trained = await TimeAsync(gate, turns, rounds: 2, warmup: 500, cancellationToken);
        }

        await output.WriteLineAsync($"model      {config} ({name})");
        await output.WriteLineAsync($"requests   {trained.Count} ({turns.Count} test-split requests x 2; {compound} of them split into clauses)");
        await Write(output, trained);
        if (args.Contains("--no-bert"))
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("workbrain-bert-gate");
        try
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync("seed-style BERT-base + TextCNN gate (12 layers, hidden 768, max length 38, random weights), same code path:");
            var script = Path.Combine(root, "models", "fixtures", "bert_base_gate.py");
            if (!await GenerateAsync(script, folder.FullName, output, cancellationToken))
            {
                return;
            }

            using var bert = OnnxGate.Load(Path.Combine(folder.FullName, "gate.json"), new FixedOptions(new GateOptions()));
            var sample = turns.Take(300).ToList();
            var timing = await TimeAsync(bert, sample, rounds: 1, warmup: 20, cancellationToken);
            await output.WriteLineAsync($"requests   {timing.Count} (the first {sample.Count} test-split requests)");
            await Write(output, timing);
            await output.WriteLineAsync();
            await output.WriteLineAsync($"ratio      BERT-base p50 / trained p50 = {timing.P50 / trained.P50:F0}x (p99 {timing.P99 / trained.P99:F0}x)");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<Timing> TimeAsync(IGate gate, IReadOnlyList<Turn> turns, int rounds, int warmup, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await gate.RouteAsync(turns[i % turns.Count], cancellationToken);
        }

        var latencies = new double[turns.Count * rounds];
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
        return new Timing(Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies[^1],
            latencies.Length / total.Elapsed.TotalSeconds, latencies.Length);
    }

    private static async Task Write(TextWriter output, Timing t)
    {
        await output.WriteLineAsync($"p50        {t.P50:F3} ms");
        await output.WriteLineAsync($"p90        {t.P90:F3} ms");
        await output.WriteLineAsync($"p99        {t.P99:F3} ms");
        await output.WriteLineAsync($"max        {t.Max:F3} ms");
        await output.WriteLineAsync($"throughput {t.PerSecond:F0} requests/s on one thread");
    }

    private static async Task<bool> GenerateAsync(string script, string folder, TextWriter output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(folder);
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode == 0)
            {
                await output.WriteLineAsync((await stdout).Trim());
                return true;
            }

            await output.WriteLineAsync($"skipped: {script} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            await output.WriteLineAsync($"skipped: /usr/bin/python3 with torch is needed to generate the BERT gate ({ex.Message})");
        }

        return false;
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
