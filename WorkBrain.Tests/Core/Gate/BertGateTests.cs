using System.Text.Json;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

/// <summary>A seed-style BERT + TextCNN gate (WordPiece vocab.txt, three int64 inputs, logits over the seed's Chinese
/// labels) loads through gate.json alone; models/fixtures/tiny_bert_gate.py builds it with reference outputs.</summary>
public sealed class BertGateTests
{
    private static async Task<(string Directory, JsonElement Expected)> FixtureAsync()
    {
        var dir = await TestModels.GenerateAsync("tiny_bert_gate");
        var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "expected.json"))).RootElement;
        return (dir, expected);
    }

    [Fact]
    public async Task Load_WordPieceConfig_ScoresLikeTheReferenceModel()
    {
        var (dir, expected) = await FixtureAsync();
        using var gate = OnnxGate.Load(Path.Combine(dir, "gate.json"), new MutableOptions<GateOptions>(new GateOptions()));

        Assert.Equal("bert-gate", gate.Name);
        foreach (var item in expected.EnumerateArray())
        {
            var scores = gate.Score(item.GetProperty("text").GetString()!);
            var probs = item.GetProperty("probs").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            for (var i = 0; i < ExpertIds.All.Count; i++)
            {
                Assert.Equal(probs[i], scores[ExpertIds.All[i]], 3);
            }
        }
    }

    [Fact]
    public async Task Encode_WordPiece_MatchesReferenceIds()
    {
        var (dir, expected) = await FixtureAsync();
        var tokenizer = WordPieceGateTokenizer.Load(Path.Combine(dir, "vocab.txt"), lowerCase: true);

        foreach (var item in expected.EnumerateArray())
        {
            var want = item.GetProperty("ids").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            var ids = new long[32];
            var count = tokenizer.Encode(item.GetProperty("text").GetString()!, ids);
            Assert.Equal(want, ids[..count]);
        }
    }

    [Fact]
    public async Task RouteAsync_BertGate_SelectsExpertsAboveThreshold()
    {
        var (dir, _) = await FixtureAsync();
        var options = new MutableOptions<GateOptions>(new GateOptions { Threshold = 0.6f, MaxExperts = 8 });
        using var gate = OnnxGate.Load(Path.Combine(dir, "gate.json"), options);

        var decision = await gate.RouteAsync(Turn.FromText("Draw a playful cat!"));

        Assert.Equal(decision.Scores.Where(kv => kv.Value > 0.6f).Select(kv => kv.Key).Order(), decision.Selected.Select(s => s.Expert).Order());
    }

    [Fact]
    public void Load_UnknownLabel_Throws()
    {
        var dir = Directory.CreateTempSubdirectory("gate-config").FullName;
        File.WriteAllText(Path.Combine(dir, "gate.json"), """{"tokenizer":"char","labels":["text_generation","painting"]}""");

        var ex = Assert.Throws<InvalidDataException>(() => GateModelConfig.Load(Path.Combine(dir, "gate.json")));
        Assert.Contains("painting", ex.Message, StringComparison.Ordinal);
    }
}
