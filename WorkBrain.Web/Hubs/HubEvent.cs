using System.Text.Json;
using System.Text.Json.Serialization;
using WorkBrain.Core.Events;
using WorkBrain.Web.Conversations;

namespace WorkBrain.Web.Hubs;

/// <summary>A stream item of <see cref="BrainHub"/>: the event as <see cref="ChatStore.Json"/> writes it (a BrainEvent
/// with its "type"), written straight into the hub's message. Serializing to a JsonElement first, as before, built and
/// parsed a JSON document for every streamed token only for the hub protocol to write it out again.</summary>
[JsonConverter(typeof(HubEventConverter))]
public sealed class HubEvent
{
    private HubEvent(object value, Type type)
    {
        Value = value;
        Type = type;
    }

    internal object Value { get; }

    internal Type Type { get; }

    public static HubEvent Of(BrainEvent e) => new(e, typeof(BrainEvent));

    public static HubEvent Of(TurnStarted started) => new(started, typeof(TurnStarted));

    /// <summary>Write-only: clients read the items as plain JSON objects.</summary>
    private sealed class HubEventConverter : JsonConverter<HubEvent>
    {
        public override HubEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Hub events are only written.");

        public override void Write(Utf8JsonWriter writer, HubEvent value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, value.Type, ChatStore.Json);
    }
}
