using System.Text.Json;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate.Evaluation;

/// <summary>One labelled request: the text and the experts that should answer it.</summary>
public sealed record LabelledRequest(string Text, IReadOnlyList<string> Experts);

/// <summary>
/// Reads an evaluation file, one request a line, in either format: JSON lines <c>{"text": "…", "experts": ["asr", …]}</c>
/// ("labels" is accepted for "experts", as in models/gate/data) or TSV <c>text&lt;TAB&gt;ids</c> with ids separated by
/// commas, spaces or '+'. Expert ids are those of DESIGN.md or the seed's Chinese labels. Blank lines and lines starting
/// with '#' are skipped; anything else that does not parse is an error naming the line.
/// </summary>
public static class GateEvalFile
{
    public static async IAsyncEnumerable<LabelledRequest> ReadAsync(TextReader reader, string name,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            yield return Parse(trimmed, $"{name}:{number}");
        }
    }

    internal static LabelledRequest Parse(string line, string where)
    {
        string text;
        List<string> experts;
        if (line.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                text = root.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
                var list = root.TryGetProperty("experts", out var e) ? e : root.TryGetProperty("labels", out var l) ? l : default;
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw new FormatException($"{where}: a JSON line needs \"text\" and an \"experts\" array.");
                }

                experts = list.EnumerateArray().Select(x => x.GetString() ?? "").ToList();
            }
            catch (JsonException ex)
            {
                throw new FormatException($"{where}: not valid JSON ({ex.Message}).", ex);
            }
        }
        else
        {
            var tab = line.LastIndexOf('\t');
            if (tab <= 0)
            {
                throw new FormatException($"{where}: expected a JSON object or \"text<TAB>expert ids\".");
            }

            text = line[..tab];
            experts = line[(tab + 1)..].Split([',', ' ', '+', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException($"{where}: the request text is empty.");
        }

        if (experts.Count == 0)
        {
            throw new FormatException($"{where}: no expected experts.");
        }

        return new LabelledRequest(text.Trim(), experts.Select(e => ToId(e, where)).Distinct(StringComparer.Ordinal).ToList());
    }

    private static string ToId(string label, string where)
    {
        if (ExpertIds.IsKnown(label))
        {
            return label;
        }

        var i = ExpertIds.ChineseLabels.ToList().IndexOf(label);
        return i >= 0 ? ExpertIds.All[i]
            : throw new FormatException($"{where}: unknown expert '{label}' (use {string.Join(", ", ExpertIds.All)}).");
    }
}
