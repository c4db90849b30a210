using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Events;

namespace WorkBrain.Core.Tools;

/// <summary>Wraps a tool so that each call a model makes is written as a <see cref="ToolCalled"/> event for the chat.</summary>
internal sealed class RecordingFunction(AIFunction inner, string expert, ChannelWriter<ToolCalled> calls) : DelegatingAIFunction(inner)
{
    internal static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var argumentsJson = SerializeArguments(arguments);
        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken);
            calls.TryWrite(new ToolCalled(expert, Name, argumentsJson, ResultText(result)));
            return result;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            calls.TryWrite(new ToolCalled(expert, Name, argumentsJson, "Error: " + e.Message));
            throw;
        }
    }

    internal static string SerializeArguments(IEnumerable<KeyValuePair<string, object?>> arguments) =>
        JsonSerializer.Serialize(arguments.ToDictionary(kv => kv.Key, kv => kv.Value), Json);

    internal static string ResultText(object? result) => result switch
    {
        null => "",
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(result, Json),
    };
}
