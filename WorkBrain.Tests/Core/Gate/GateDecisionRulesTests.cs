using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

/// <summary>Per-expert thresholds, the rule for text_generation beside a specialist, outside evidence, and the unsure flag.</summary>
public sealed class GateDecisionRulesTests(TrainedGate trained) : IClassFixture<TrainedGate>
{
    private static string GateJson => Path.Combine(TestModels.RepositoryRoot, "models", "gate", "gate.json");

    private static string[] Selected(GateDecision d) => d.Selected.Select(s => s.Expert).Order(StringComparer.Ordinal).ToArray();

    private sealed class FixedEvidence(params GateEvidence[] found) : IGateEvidence
    {
        public int Calls { get; private set; }

        public ValueTask<IReadOnlyList<GateEvidence>> FindAsync(Turn turn, CancellationToken cancellationToken = default)
        {
            Calls++;
            return ValueTask.FromResult<IReadOnlyList<GateEvidence>>(found);
        }
    }

    [Fact]
    public void CommittedModel_HasThresholdsCalibratedForEveryExpert()
    {
        var config = GateModelConfig.Load(GateJson);

        Assert.NotNull(config.Thresholds);
        Assert.Equal(ExpertIds.All.Order(StringComparer.Ordinal), config.Thresholds!.Keys.Order(StringComparer.Ordinal));
        Assert.All(config.Thresholds.Values, t => Assert.InRange(t, 0.05f, 0.95f));
        Assert.NotNull(config.JoinThreshold);
    }

    [Fact]
    public void Thresholds_ConfiguredWinsOverCalibratedWhichWinsOverTheGlobalDefault()
    {
        var config = GateModelConfig.Load(GateJson);
        var options = new GateOptions { Threshold = 0.42f, Thresholds = { [ExpertIds.Asr] = 0.9f } };

        var thresholds = GateThresholds.For(config, options);
        var uncalibrated = GateThresholds.For(config, new GateOptions { Threshold = 0.42f, UseCalibratedThresholds = false });

        Assert.Equal(0.9f, thresholds[ExpertIds.IndexOf(ExpertIds.Asr)]);
        Assert.Equal(config.Thresholds![ExpertIds.Tts], thresholds[ExpertIds.IndexOf(ExpertIds.Tts)]);
        Assert.All(uncalibrated, t => Assert.Equal(0.42f, t));
    }

    [Fact]
    public async Task Route_ConfiguredThresholdAboveTheScore_DropsThatExpert()
    {
        using var gate = OnnxGate.Load(GateJson, new MutableOptions<GateOptions>(new GateOptions { Thresholds = { [ExpertIds.ImageGeneration] = 1f } }));

        var decision = await gate.RouteAsync(Turn.FromText("给我画一只戴帽子的猫"));

        Assert.DoesNotContain(ExpertIds.ImageGeneration, Selected(decision));
        Assert.True(decision.Scores[ExpertIds.ImageGeneration] > 0.5f);
    }

    [Theory]
    [InlineData("总结这个视频并读出来", new[] { ExpertIds.Tts, ExpertIds.VideoUnderstanding })]
    [InlineData("图片里写了什么，读给我听", new[] { ExpertIds.ImageUnderstanding, ExpertIds.Tts })]
    [InlineData("把这段录音转成文字", new[] { ExpertIds.Asr })]
    [InlineData("summarize this video for me", new[] { ExpertIds.VideoUnderstanding })]
    public async Task Route_SpecialistThatFullyServes_HasNoTextGenerationBesideIt(string text, string[] expected)
    {
        var decision = await trained.Gate.RouteAsync(Turn.FromText(text));

        Assert.Equal(expected.Order(StringComparer.Ordinal), Selected(decision));
    }

    [Theory]
    [InlineData("识别这张图里的文字并翻译成英文", new[] { ExpertIds.ImageUnderstanding, ExpertIds.TextGeneration })]
    [InlineData("把这段录音转成文字，再整理成会议纪要", new[] { ExpertIds.Asr, ExpertIds.TextGeneration })]
    public async Task Route_ClauseAsksForWriting_KeepsTextGenerationBesideTheSpecialist(string text, string[] expected)
    {
        var decision = await trained.Gate.RouteAsync(Turn.FromText(text));

        Assert.Equal(expected.Order(StringComparer.Ordinal), Selected(decision));
    }

    [Fact]
    public async Task Route_OutsideEvidence_SelectsItsExpertForAKnowledgeQuestion()
    {
        var evidence = new FixedEvidence(new GateEvidence(ExpertIds.DocumentQa, 0.7f, "a manual mentions it"));
        using var gate = OnnxGate.Load(GateJson, trained.Options, [evidence]);

        var decision = await gate.RouteAsync(Turn.FromText("智能水杯 X1 的电池容量是多少？"));

        Assert.Equal([ExpertIds.DocumentQa], Selected(decision));
        Assert.Equal(1, evidence.Calls);
    }

    [Fact]
    public async Task Route_ClearSpecialistRequest_DoesNotAskForOutsideEvidence()
    {
        var evidence = new FixedEvidence(new GateEvidence(ExpertIds.DocumentQa, 0.7f, "a manual mentions cats"));
        using var gate = OnnxGate.Load(GateJson, trained.Options, [evidence]);

        var decision = await gate.RouteAsync(Turn.FromText("画一只在雪地里玩耍的小狗"));

        Assert.Equal([ExpertIds.ImageGeneration], Selected(decision));
        Assert.Equal(0, evidence.Calls);
    }

    [Fact]
    public async Task Route_Margin_MarksCloseCallsUnsure()
    {
        using var sure = OnnxGate.Load(GateJson, new MutableOptions<GateOptions>(new GateOptions { UnsureMargin = 0f }));
        using var wide = OnnxGate.Load(GateJson, new MutableOptions<GateOptions>(new GateOptions { UnsureMargin = 1f }));

        Assert.False((await sure.RouteAsync(Turn.FromText("画一只猫"))).Unsure);
        Assert.True((await wide.RouteAsync(Turn.FromText("画一只猫"))).Unsure);
    }
}
