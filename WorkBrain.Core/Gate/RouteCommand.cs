using System.Text.Encodings.Web;
using System.Text.Json;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Turns;

namespace WorkBrain.Core.Gate;

/// <summary><c>route</c>: one request per input line → one JSON line with the selected experts (probability and
/// instruction each) and every expert's probability.</summary>
internal sealed class RouteCommand(IGate gate) : ICliCommand
{
    private static readonly JsonWriterOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string Name => "route";

    public string Usage => "route   < requests.txt   one request per line in, one JSON routing decision per line out";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
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
