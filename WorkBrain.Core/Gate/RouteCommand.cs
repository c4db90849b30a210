using System.Text.Encodings.Web;
using System.Text.Json;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate.Evaluation;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary><c>route</c>: one request per input line → one JSON line with the selected experts (probability and
/// instruction each) and every expert's probability. <c>route --eval FILE</c> routes a labelled file instead (JSON lines
/// or TSV, see <see cref="GateEvalFile"/>) and prints exact-set accuracy, macro-F1, per-expert figures, a confusion table
/// and the misrouted requests (<c>--misses N</c>, default 50). It measures the gate as configured: add
/// <c>--Gate:Planner:Cascade=true</c> to measure the cascade with the planner.</summary>
internal sealed class RouteCommand(IGate gate) : ICliCommand
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "route";

    public string Usage => "route   < requests.txt   one request per line in, one JSON routing decision per line out\n" +
                           "  route --eval FILE [--misses N]   accuracy, macro-F1, per-expert figures and misroutes on a labelled file (JSON lines or TSV)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var eval = IndexOf(args, "--eval");
        if (eval >= 0)
        {
            return await EvaluateAsync(args, eval, output, error, cancellationToken);
        }

        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var decision = await gate.RouteAsync(Turn.FromText(line.Trim(), "cli", "cli"), cancellationToken);
            await output.WriteLineAsync(Format(line.Trim(), decision));
        }

        await output.FlushAsync(cancellationToken);
        return 0;
    }

    private async Task<int> EvaluateAsync(IReadOnlyList<string> args, int eval, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var misses = IndexOf(args, "--misses");
        var maxMisses = 50;
        if (eval + 1 >= args.Count || args[eval + 1].StartsWith("--", StringComparison.Ordinal)
            || misses >= 0 && (misses + 1 >= args.Count || !int.TryParse(args[misses + 1], out maxMisses) || maxMisses < 0))
        {
            await error.WriteLineAsync("Usage: route --eval FILE [--misses N]");
            return 2;
        }

        var path = args[eval + 1];
        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"route --eval: {path} not found.");
            return 2;
        }

        var evaluation = new GateEvaluation();
        try
        {
            using var reader = new StreamReader(path);
            await foreach (var request in GateEvalFile.ReadAsync(reader, path, cancellationToken))
            {
                var decision = await gate.RouteAsync(Turn.FromText(request.Text, "cli", "cli"), cancellationToken);
                evaluation.Add(request.Text, request.Experts, decision.Selected.Select(s => s.Expert).ToList(), decision.Gate);
            }
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync($"route --eval: {ex.Message} Nothing was measured.");
            return 2;
        }

        if (evaluation.Count == 0)
        {
            await error.WriteLineAsync($"route --eval: {path} has no requests.");
            return 2;
        }

        await output.WriteLineAsync($"file                {path}");
        await output.WriteLineAsync($"gate                {gate.Name}");
        evaluation.WriteReport(output, maxMisses);
        await output.FlushAsync(cancellationToken);
        return 0;
    }

    private static int IndexOf(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (string.Equals(args[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    internal static string Format(string text, GateDecision decision)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Json))
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteStartArray("experts");
            foreach (var s in decision.Selected)
            {
                writer.WriteStartObject();
                writer.WriteString("id", s.Expert);
                writer.WriteNumber("p", Math.Round(s.Probability, 4));
                writer.WriteString("instruction", s.Instruction);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("scores");
            foreach (var id in ExpertIds.All)
            {
                writer.WriteNumber(id, Math.Round(decision.Scores.TryGetValue(id, out var p) ? p : 0f, 4));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
