using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;

namespace WorkBrain.Tests.Core.Gate;

public sealed class PlannerGateTests
{
    private sealed class FakeChatClient : IChatClient
    {
        public Func<CancellationToken, Task<string>> Answer { get; set; } = _ => Task.FromResult("");

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            new(new ChatMessage(ChatRole.Assistant, await Answer(cancellationToken)));

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            yield return new ChatResponseUpdate(ChatRole.Assistant, await Answer(cancellationToken));
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }

    private sealed class MarkerGate : IGate
    {
        public string Name => "marker";

        public int Calls { get; private set; }

        public ValueTask<GateDecision> RouteAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult(GateDecision.Single(ExpertIds.TextGeneration, turn.Text, Name));
        }
    }

    private static (PlannerGate Gate, MarkerGate Fallback) Create(FakeChatClient client, double timeoutSeconds = 5)
    {
        var fallback = new MarkerGate();
        var gate = new PlannerGate(_ => ValueTask.FromResult<IChatClient>(client), fallback,
            new MutableOptions<GateOptions>(new GateOptions()),
            Options.Create(new PlannerGateOptions { Enabled = true, TimeoutSeconds = timeoutSeconds }),
            NullLogger<PlannerGate>.Instance);
        return (gate, fallback);
    }

    [Fact]
    public async Task RouteAsync_ValidPlan_UsesItsExpertsAndInstructions()
    {
        var client = new FakeChatClient
        {
            Answer = _ => Task.FromResult("""
                ```json
                {"experts":[{"id":"text_generation","p":0.97,"instruction":"写一篇《春天来了》的文章"},
                            {"id":"image_generation","p":0.9,"instruction":"春天来了"},
                            {"id":"tts","p":0.1,"instruction":"读"}]}
                ```
                """),
        };
        var (gate, fallback) = Create(client);

        var decision = await gate.RouteAsync(Turn.FromText("帮我写一篇《春天来了》的文章，并配一张图片"));

        Assert.Equal("planner", decision.Gate);
        Assert.Equal(0, fallback.Calls);
        Assert.Equal([ExpertIds.TextGeneration, ExpertIds.ImageGeneration], decision.Selected.Select(s => s.Expert));
        Assert.Equal("春天来了", decision.Selected[1].Instruction);
        Assert.Equal(0.1f, decision.Scores[ExpertIds.Tts]);
    }

    [Theory]
    [InlineData("I think you should draw a picture.")]
    [InlineData("{\"experts\":[{\"id\":\"painter\",\"p\":0.9,\"instruction\":\"x\"}]}")]
    [InlineData("{\"experts\":[{\"id\":\"tts\",\"p\":1.5,\"instruction\":\"x\"}]}")]
    [InlineData("{\"experts\":[{\"id\":\"tts\",\"p\":0.5,\"instruction\":\" \"}]}")]
    [InlineData("{\"experts\":[]}")]
    [InlineData("{\"experts\":[{\"id\":\"tts\",\"p\":0.5,\"instruction\":\"a\"},{\"id\":\"tts\",\"p\":0.6,\"instruction\":\"b\"}]}")]
    [InlineData("{\"experts\":[{\"id\":\"tts\",\"p\":\"high\",\"instruction\":\"a\"}]}")]
    [InlineData("{\"plan\": {}")]
    public async Task RouteAsync_InvalidPlan_FallsBackToTrainedGate(string answer)
    {
        var (gate, fallback) = Create(new FakeChatClient { Answer = _ => Task.FromResult(answer) });

        var decision = await gate.RouteAsync(Turn.FromText("画一只猫"));

        Assert.Equal("marker", decision.Gate);
        Assert.Equal(1, fallback.Calls);
    }

    [Fact]
    public async Task RouteAsync_ModelTooSlow_FallsBackToTrainedGate()
    {
        var client = new FakeChatClient
        {
            Answer = async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return "{}";
            },
        };
        var (gate, fallback) = Create(client, timeoutSeconds: 0.2);

        var decision = await gate.RouteAsync(Turn.FromText("画一只猫"));

        Assert.Equal("marker", decision.Gate);
        Assert.Equal(1, fallback.Calls);
    }

    [Fact]
    public async Task RouteAsync_NoTextModel_FallsBackToTrainedGate()
    {
        var fallback = new MarkerGate();
        var gate = new PlannerGate(_ => throw new ExpertException("No text model configured"), fallback,
            new MutableOptions<GateOptions>(new GateOptions()), Options.Create(new PlannerGateOptions { Enabled = true }),
            NullLogger<PlannerGate>.Instance);

        var decision = await gate.RouteAsync(Turn.FromText("你好"));

        Assert.Equal("marker", decision.Gate);
    }

    [Fact]
    public async Task RouteAsync_CallerCancels_Throws()
    {
        var (gate, _) = Create(new FakeChatClient
        {
            Answer = async ct =>
            {
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
                return "{}";
            },
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gate.RouteAsync(Turn.FromText("你好"), cts.Token));
    }
}
