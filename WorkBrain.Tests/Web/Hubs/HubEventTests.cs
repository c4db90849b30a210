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
}
