using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Web.Api;

namespace WorkBrain.Tests.Web.Api;

public sealed class BrainEventTextTests
{
    private static Routed Routed(params string[] experts) => new(new GateDecision(
        experts.ToDictionary(e => e, _ => 1f), experts.Select(e => new ExpertSelection(e, 1f, "x")).ToList(), "test", 0));

    private static string Render(params BrainEvent[] events)
    {
        var text = new BrainEventText(new ExpertCatalog());
        return string.Concat(events.Select(text.Render));
    }

    [Fact]
    public void TwoWriters_Interleaved_EachIsOneSection_TheFirstStreamedTheOtherAppendedWhenDone()
    {
        var text = new BrainEventText(new ExpertCatalog());
        var external = ExpertIds.ExternalServices;
        var writer = ExpertIds.TextGeneration;
        var stats = new ExpertStats(1, 1, 1, 1);

        var live = new List<string?>
        {
            text.Render(Routed(external, writer)),
            text.Render(new TextDelta(external, "词0 ")),
            text.Render(new TextDelta(writer, "字0 ")),
            text.Render(new TextDelta(external, "词1")),
            text.Render(new TextDelta(writer, "字1")),
        };
        Assert.Equal($"**{ExpertIds.DisplayName(external)}**\n\n词0 词1", string.Concat(live));

        var rest = text.Render(new ExpertFinished(external, stats)) + text.Render(new TextDelta(writer, " 字2"))
                   + text.Render(new ExpertFinished(writer, stats)) + text.Render(new Completed(new TurnStats(1, 1, 2, 0, false)));
        Assert.Equal($"\n\n**{ExpertIds.DisplayName(writer)}**\n\n字0 字1 字2", rest);
    }

    [Fact]
    public void SecondWriterFinishesFirst_ItWaitsUntilTheStreamedOneIsDone()
    {
        var stats = new ExpertStats(1, 1, 1, 1);
        var a = ExpertIds.TextGeneration;
        var b = ExpertIds.DocumentQa;
        var c = ExpertIds.ExternalServices;

        var all = Render(
            Routed(a, b, c),
            new TextDelta(a, "a1"), new TextDelta(b, "b1"), new ExpertFinished(b, stats), new TextDelta(c, "c1"),
            new TextDelta(a, "a2"), new ExpertFinished(a, stats), new TextDelta(c, "c2"), new ExpertFailed(c, "broke", FailureReasons.Interrupted),
            new Completed(new TurnStats(1, 1, 3, 1, false)));

        var name = ExpertIds.DisplayName;
        Assert.Equal($"**{name(a)}**\n\na1a2\n\n**{name(b)}**\n\nb1\n\n**{name(c)}**\n\nc1c2\n\n> {name(c)} failed: broke\n\n", all);
    }

    [Fact]
    public void OneExpert_NoHeaders()
    {
        Assert.Equal("hello world", Render(Routed(ExpertIds.TextGeneration), new TextDelta(ExpertIds.TextGeneration, "hello"),
            new TextDelta(ExpertIds.TextGeneration, " world"), new ExpertFinished(ExpertIds.TextGeneration, new ExpertStats(1, 1, 2, 1))));
    }
}
