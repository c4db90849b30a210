using System.Text.Json;

namespace WorkBrain.Core.Text.Local;

/// <summary>What the engine needs from a model folder's config.json, generation_config.json and tokenizer_config.json.</summary>
internal sealed record LocalModelConfig(
    string ModelType,
    int Layers,
    int KeyValueHeads,
    int HeadDim,
    int MaxPositions,
    int VocabSize,
    IReadOnlyList<int> EosTokenIds,
    float? Temperature,
    float? TopP,
    int? TopK,
    float? RepetitionPenalty)
{
    public static LocalModelConfig Load(string folder)
    {
        var configPath = Path.Combine(folder, "config.json");
        if (!File.Exists(configPath))
        {
            throw new FileNotFoundException($"{configPath} is missing; a local model folder needs config.json, tokenizer.json and an ONNX model.", configPath);
        }

        using var config = JsonDocument.Parse(File.ReadAllBytes(configPath));
        var c = config.RootElement;
        var heads = Int(c, "num_attention_heads") ?? throw new InvalidDataException($"{configPath} has no num_attention_heads.");
        var hidden = Int(c, "hidden_size") ?? throw new InvalidDataException($"{configPath} has no hidden_size.");
        var eos = new List<int>(Ids(c, "eos_token_id"));

        float? temperature = null, topP = null, penalty = null;
        int? topK = null;
        var generationPath = Path.Combine(folder, "generation_config.json");
        if (File.Exists(generationPath))
        {
            using var generation = JsonDocument.Parse(File.ReadAllBytes(generationPath));
            var g = generation.RootElement;
            eos.AddRange(Ids(g, "eos_token_id"));
            temperature = Float(g, "temperature");
            topP = Float(g, "top_p");
            topK = Int(g, "top_k");
            penalty = Float(g, "repetition_penalty");
        }

        return new LocalModelConfig(
            c.TryGetProperty("model_type", out var type) ? type.GetString() ?? "" : "",
            Int(c, "num_hidden_layers") ?? throw new InvalidDataException($"{configPath} has no num_hidden_layers."),
            Int(c, "num_key_value_heads") ?? heads,
            Int(c, "head_dim") ?? hidden / heads,
            Int(c, "max_position_embeddings") ?? 4096,
            Int(c, "vocab_size") ?? 0,
            eos.Distinct().ToList(),
            temperature,
            topP,
            topK,
            penalty);
    }

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static float? Float(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetSingle() : null;

    private static IEnumerable<int> Ids(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var v))
        {
            return [];
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => [v.GetInt32()],
            JsonValueKind.Array => v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt32()).ToList(),
            _ => [],
        };
    }
}
