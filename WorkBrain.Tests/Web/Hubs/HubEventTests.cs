using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;
using WorkBrain.Core.Events;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Hubs;

namespace WorkBrain.Tests.Web.Hubs;

/// <summary>Hub stream items are written straight into the hub message; what a client reads is the same JSON as the
/// event serialized on its own (with its "type").</summary>
public sealed class HubEventTests
{
    private static readonly JsonSerializerOptions HubPayload = new JsonHubProtocolOptions().PayloadSerializerOptions;

    [Fact]
    public void An_event_reads_as_the_event_with_its_type()
    {
        BrainEvent e = new TextDelta("writer", "春天 \"quoted\" \\ <b>");

        var wire = JsonNode.Parse(JsonSerializer.Serialize(HubEvent.Of(e), HubPayload));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(e, ChatStore.Json)), wire));
        Assert.Equal("text_delta", wire!["type"]!.GetValue<string>());
        Assert.Equal("春天 \"quoted\" \\ <b>", wire["text"]!.GetValue<string>());
    }

    [Fact]
    public void A_turn_start_reads_as_before()
    {
        var started = new TurnStarted("s1", "u1", "m1");

        var wire = JsonNode.Parse(JsonSerializer.Serialize(HubEvent.Of(started), HubPayload));

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize(started, ChatStore.Json)), wire));
        Assert.Equal("m1", wire!["messageId"]!.GetValue<string>());
    }

    [Fact]
    public void Queued_deltas_of_one_expert_go_as_one_that_counts_them()
    {
        BrainEvent[] batch =
        [
            new ExpertStarted("text_generation", "hi"), new TextDelta("text_generation", "春"), new TextDelta("text_generation", "天"),
            new TextDelta("text_generation", " \"x\""), new TextDelta("vision", "a"), new TextDelta("vision", "b"), new TextDelta("text_generation", "!"),
        ];

        var wire = Wire(batch, merge: true);

        Assert.Equal(["expert_started", "text_delta", "text_delta", "text_delta"], wire.Select(w => w["type"]!.GetValue<string>()));
        Assert.Equal("春天 \"x\"", wire[1]["text"]!.GetValue<string>());
        Assert.Equal("text_generation", wire[1]["expert"]!.GetValue<string>());
        Assert.Equal(3, wire[1]["events"]!.GetValue<int>());
        Assert.Equal("ab", wire[2]["text"]!.GetValue<string>());
        Assert.Equal(2, wire[2]["events"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(JsonSerializer.Serialize<BrainEvent>(batch[^1], ChatStore.Json)), wire[3]), "a delta on its own goes as it is");
        Assert.Equal(batch.Length, wire.Sum(w => w["events"]?.GetValue<int>() ?? 1));
    }

    [Fact]
    public void A_first_delta_alone_in_its_batch_goes_alone_and_unmerged()
    {
        BrainEvent[] batch = [new ExpertStarted("text_generation", "hi"), new TextDelta("text_generation", "春")];

        var wire = Wire(batch, merge: true);

        Assert.Equal(2, wire.Count);
        Assert.Equal("春", wire[1]["text"]!.GetValue<string>());
        Assert.Null(wire[1]["events"]);
    }

    [Fact]
    public void Without_merging_every_delta_is_its_own_item()
    {
        BrainEvent[] batch = [new TextDelta("text_generation", "a"), new TextDelta("text_generation", "b")];

        var wire = Wire(batch, merge: false);

        Assert.Equal(["a", "b"], wire.Select(w => w["text"]!.GetValue<string>()));
        Assert.All(wire, w => Assert.Null(w["events"]));
    }

    private static List<JsonNode> Wire(IReadOnlyList<BrainEvent> batch, bool merge) =>
        HubEvent.Of(batch, merge).Select(item => JsonNode.Parse(JsonSerializer.Serialize(item, HubPayload))!).ToList();
}
