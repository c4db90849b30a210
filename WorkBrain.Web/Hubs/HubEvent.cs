using System.Text;
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

    /// <summary>The items for a batch of events that were queued together: with <paramref name="merge"/>, each run of
    /// two or more text deltas of the same expert becomes one <c>text_delta</c> with their text and <c>events</c> = the
    /// run's length, which is what it counts for <c>Watch(messageId, from)</c>; everything else, and a delta on its own
    /// (the first token is never held back: a batch is only what already waited), goes out as it is.</summary>
    public static IEnumerable<HubEvent> Of(IReadOnlyList<BrainEvent> batch, bool merge)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (var i = 0; i < batch.Count; i++)
        {
            if (!merge || batch[i] is not TextDelta first || i + 1 >= batch.Count || !SameExpert(batch[i + 1], first.Expert))
            {
                yield return Of(batch[i]);
                continue;
            }

            var text = new StringBuilder(first.Text);
            var events = 1;
            while (i + 1 < batch.Count && SameExpert(batch[i + 1], first.Expert))
            {
                text.Append(((TextDelta)batch[++i]).Text);
                events++;
            }

            yield return new HubEvent(new MergedTextDelta(first.Expert, text.ToString(), events), typeof(MergedTextDelta));
        }

        static bool SameExpert(BrainEvent e, string expert) => e is TextDelta d && string.Equals(d.Expert, expert, StringComparison.Ordinal);
    }

    /// <summary>Reads as a <see cref="TextDelta"/> (same "type", "expert" and "text") plus "events".</summary>
    private sealed record MergedTextDelta(string Expert, string Text, int Events)
    {
        [JsonPropertyOrder(-1)]
        public string Type => "text_delta";
    }

    /// <summary>Write-only: clients read the items as plain JSON objects.</summary>
    private sealed class HubEventConverter : JsonConverter<HubEvent>
    {
        public override HubEvent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException("Hub events are only written.");

        public override void Write(Utf8JsonWriter writer, HubEvent value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, value.Type, ChatStore.Json);
    }
}
