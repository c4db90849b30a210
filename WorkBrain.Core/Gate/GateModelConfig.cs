using System.Text.Json;
using System.Text.Json.Serialization;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Gate;

/// <summary>gate.json: which ONNX file, which tokenizer ("char" for the trained TextCNN, "wordpiece" for a seed-style
/// BERT gate), its vocabulary, the output's activation and the label order. Paths are relative to gate.json.</summary>
public sealed class GateModelConfig
{
    public string Kind { get; set; } = "textcnn";

    public string Model { get; set; } = "gate.onnx";

    public string Tokenizer { get; set; } = "char";

    public string Vocab { get; set; } = "gate.vocab.txt";

    public int MaxLength { get; set; } = 48;

    public bool PadToMaxLength { get; set; }

    /// <summary>"sigmoid" (multi-label logits), "softmax" (single-label logits) or "none" (already probabilities).</summary>
    public string Activation { get; set; } = "sigmoid";

    public string? Output { get; set; }

    /// <summary>Lower-case text before WordPiece (uncased vocabularies); Chinese BERT vocabularies are uncased too.</summary>
    public bool LowerCase { get; set; } = true;

    /// <summary>Expert ids (or the seed's Chinese labels) in the model's output order.</summary>
    public List<string> Labels { get; set; } = [.. ExpertIds.All];

    public float? Threshold { get; set; }

    /// <summary>Per-expert thresholds calibrated on the dev split (train.py); experts missing here use Gate:Threshold.</summary>
    public Dictionary<string, float>? Thresholds { get; set; }

    /// <summary>In a one-clause request, text_generation stays beside a specialist only at or above this probability.</summary>
    public float? JoinThreshold { get; set; }

    [JsonIgnore]
    public string Directory { get; private set; } = "";

    public string ModelPath => System.IO.Path.Combine(Directory, Model);

    public string VocabPath => System.IO.Path.Combine(Directory, Vocab);

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static GateModelConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var config = JsonSerializer.Deserialize<GateModelConfig>(File.ReadAllText(path), Json)
                     ?? throw new InvalidDataException($"{path} is empty.");
        config.Directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".";
        config.Validate(path);
        return config;
    }

    /// <summary>The expert id of each output, in output order.</summary>
    public IReadOnlyList<string> ExpertOrder() => Labels.Select(ToExpertId).ToList();

    private static string ToExpertId(string label)
    {
        if (ExpertIds.IsKnown(label))
        {
            return label;
        }

        for (var i = 0; i < ExpertIds.ChineseLabels.Count; i++)
        {
            if (ExpertIds.ChineseLabels[i] == label)
            {
                return ExpertIds.All[i];
            }
        }

        throw new InvalidDataException($"Unknown gate label '{label}': use the expert ids of DESIGN.md or the seed's Chinese labels.");
    }

    private void Validate(string path)
    {
        if (Tokenizer is not ("char" or "wordpiece"))
        {
            throw new InvalidDataException($"{path}: tokenizer must be \"char\" or \"wordpiece\", not \"{Tokenizer}\".");
        }

        if (Activation is not ("sigmoid" or "softmax" or "none"))
        {
            throw new InvalidDataException($"{path}: activation must be \"sigmoid\", \"softmax\" or \"none\", not \"{Activation}\".");
        }

        if (MaxLength is < 4 or > 4096)
        {
            throw new InvalidDataException($"{path}: maxLength must be between 4 and 4096.");
        }

        if (Thresholds is not null && Thresholds.Any(t => !ExpertIds.IsKnown(t.Key) || t.Value is < 0 or > 1))
        {
            throw new InvalidDataException($"{path}: thresholds must map expert ids to values between 0 and 1.");
        }

        if (Labels.Count == 0 || Labels.Select(ToExpertId).Distinct(StringComparer.Ordinal).Count() != Labels.Count)
        {
            throw new InvalidDataException($"{path}: labels must name distinct experts.");
        }
    }
}
