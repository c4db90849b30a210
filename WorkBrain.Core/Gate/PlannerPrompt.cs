using System.Text.Json;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>The planner gate's prompt and the validation of the plan the text model writes.</summary>
internal static class PlannerPrompt
{
    public sealed record Step(string Id, float P, string Instruction);

    public static readonly string System =
        "You route a user's request to experts. Experts: " +
        "text_generation (chat, writing, translation, explanations, code), image_generation (draw or generate a picture), " +
        "image_understanding (describe, read or judge an image the user sent), video_understanding (what happens in a video), " +
        "asr (transcribe speech in audio), tts (read text aloud, make speech audio), document_qa (answer from uploaded documents), " +
        "external_services (time, date, weather, exchange rates, calculations, unit conversion, stocks, search). " +
        "A request may need several experts; give each the part of the request meant for it, in the user's language. " +
        "Answer with JSON only, exactly this shape: {\"experts\":[{\"id\":\"<expert id>\",\"p\":<probability 0..1>,\"instruction\":\"<sub-instruction>\"}]}. " +
        "Example: 帮我写一篇《春天来了》的文章，并配一张图片 → {\"experts\":[{\"id\":\"text_generation\",\"p\":0.97,\"instruction\":\"写一篇《春天来了》的文章\"}," +
        "{\"id\":\"image_generation\",\"p\":0.95,\"instruction\":\"配一张春天来了的图片\"}]}";

    /// <summary>Reads the plan out of the model's answer (a fenced block or surrounding words are tolerated) and checks it.</summary>
    public static IReadOnlyList<Step> Parse(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var open = answer.IndexOf('{', StringComparison.Ordinal);
        var close = answer.LastIndexOf('}');
        if (open < 0 || close <= open)
        {
            throw new InvalidDataException("the plan is not a JSON object");
        }

        using var document = JsonDocument.Parse(answer[open..(close + 1)]);
        if (!document.RootElement.TryGetProperty("experts", out var experts) || experts.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException("the plan has no \"experts\" array");
        }

        var steps = new List<Step>();
        foreach (var item in experts.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String
                || !item.TryGetProperty("p", out var p) || p.ValueKind != JsonValueKind.Number
                || !item.TryGetProperty("instruction", out var instruction) || instruction.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException("a plan step needs a string id, a number p and a string instruction");
            }

            var expert = id.GetString()!;
            var probability = p.GetDouble();
            var text = instruction.GetString()!.Trim();
            if (!ExpertIds.IsKnown(expert))
            {
                throw new InvalidDataException($"unknown expert '{expert}' in the plan");
            }

            if (probability is < 0 or > 1 || double.IsNaN(probability))
            {
                throw new InvalidDataException($"probability {probability} of {expert} is outside 0..1");
            }

            if (text.Length == 0)
            {
                throw new InvalidDataException($"empty instruction for {expert}");
            }

            if (steps.Any(s => s.Id == expert))
            {
                throw new InvalidDataException($"{expert} appears twice in the plan");
            }

            steps.Add(new Step(expert, (float)probability, text));
        }

        return steps.Count == 0 ? throw new InvalidDataException("the plan selects no expert") : steps;
    }
}
