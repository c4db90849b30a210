using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Api;

/// <summary>POST /v1/embeddings (JSON: model, input string or array of strings, encoding_format float|base64): vectors
/// from the embedding engine the document Q&amp;A expert uses (the registry's selected Embeddings engine), when one is configured.</summary>
internal static class EmbeddingsEndpoint
{
    public const int MaxInputs = 2048;

    public static async Task<IResult> HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        string model;
        List<string> inputs;
        string format;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) ?? throw new FormatException("The body is empty.");
            model = body["model"]?.GetValue<string>() ?? throw new FormatException("'model' is required.");
            inputs = Inputs(body["input"]);
            format = body["encoding_format"]?.GetValue<string>() ?? "float";
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return OpenAiError.Result(400, $"Bad request: {ex.Message}");
        }

        if (format is not ("float" or "base64"))
        {
            return OpenAiError.Result(400, $"encoding_format '{format}' is not supported: use float or base64.");
        }

        // The engine document_qa uses: the one the engine registry selects for Embeddings.
        var engine = context.RequestServices.GetRequiredService<SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>>>();
        GeneratedEmbeddings<Embedding<float>> embeddings;
        try
        {
            if (await engine.GetClientAsync(ct) is not { } generator)
            {
                return Unavailable(engine.GetStatus().Detail);
            }

            embeddings = await generator.GenerateAsync(inputs, cancellationToken: ct);
        }
        catch (ExpertException ex)
        {
            return Unavailable(ex.Message);
        }

        if (embeddings.Count != inputs.Count)
        {
            return OpenAiError.Result(500, $"The embedding model returned {embeddings.Count} vectors for {inputs.Count} inputs.", "server_error");
        }

        var data = embeddings.Select((e, i) => new
        {
            @object = "embedding",
            index = i,
            embedding = format == "base64" ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(e.Vector.Span)) : e.Vector.ToArray(),
        }).ToList();
        var tokens = (int)(embeddings.Usage?.InputTokenCount ?? 0);
        return Results.Json(new
        {
            @object = "list",
            data,
            model = embeddings.FirstOrDefault()?.ModelId ?? model,
            usage = new { prompt_tokens = tokens, total_tokens = tokens },
        });
    }

    private static IResult Unavailable(string detail) =>
        OpenAiError.Result(503, $"Embeddings are not available: {detail}", "server_error", "expert_unavailable");

    private static List<string> Inputs(JsonNode? input)
    {
        switch (input)
        {
            case null:
                throw new FormatException("'input' is required.");
            case JsonValue:
                var one = input.GetValue<string>();
                return string.IsNullOrEmpty(one) ? throw new FormatException("'input' is empty.") : [one];
            case JsonArray array:
                if (array.Count is 0 or > MaxInputs)
                {
                    throw new FormatException($"'input' must hold 1 to {MaxInputs} strings.");
                }

                return array.Select((item, i) => item is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0
                    ? s
                    : throw new FormatException($"input[{i}] must be a non-empty string (token arrays are not supported).")).ToList();
            default:
                throw new FormatException("'input' must be a string or an array of strings.");
        }
    }
}
