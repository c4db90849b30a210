using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate.Evaluation;

namespace WorkBrain.Tests.Core.Gate;

public sealed class GateEvaluationTests
{
    [Fact]
    public void Add_KnownPredictions_ComputesExactSetAccuracyPerExpertFiguresAndMacroF1()
    {
        var evaluation = new GateEvaluation();

        evaluation.Add("a", [ExpertIds.TextGeneration], [ExpertIds.TextGeneration]);
        evaluation.Add("b", [ExpertIds.TextGeneration, ExpertIds.ImageGeneration], [ExpertIds.TextGeneration]);
        evaluation.Add("c", [ExpertIds.Asr], [ExpertIds.VideoUnderstanding, ExpertIds.Asr]);
        evaluation.Add("d", [ExpertIds.ImageGeneration], [ExpertIds.ImageGeneration]);

        Assert.Equal(4, evaluation.Count);
        Assert.Equal(2, evaluation.Exact);
        Assert.Equal(0.5, evaluation.ExactSetAccuracy, 6);
        var per = evaluation.PerExpert().ToDictionary(e => e.Expert);
        // text: tp 2, fp 0, fn 0; image generation: tp 1, fn 1 → P 1, R 0.5, F1 2/3; asr: tp 1; video: fp 1 → F1 0
        Assert.Equal(1.0, per[ExpertIds.TextGeneration].F1, 6);
        Assert.Equal(1.0, per[ExpertIds.ImageGeneration].Precision, 6);
        Assert.Equal(0.5, per[ExpertIds.ImageGeneration].Recall, 6);
        Assert.Equal(2.0 / 3, per[ExpertIds.ImageGeneration].F1, 6);
        Assert.Equal(2, per[ExpertIds.ImageGeneration].Support);
        Assert.Equal(0.0, per[ExpertIds.VideoUnderstanding].F1, 6);
        Assert.Equal(1, per[ExpertIds.VideoUnderstanding].Selected);
        // macro over the four experts that were expected or selected: (1 + 2/3 + 1 + 0) / 4
        Assert.Equal((1 + (2.0 / 3) + 1 + 0) / 4, evaluation.MacroF1, 6);
    }

    [Fact]
    public void Add_Misroutes_FillTheConfusionTableAndTheMisroutedList()
    {
        var evaluation = new GateEvaluation();

        evaluation.Add("说了什么", [ExpertIds.Asr], [ExpertIds.VideoUnderstanding], "textcnn-gate");
        evaluation.Add("画猫", [ExpertIds.ImageGeneration], [ExpertIds.ImageGeneration], "planner");

        var asr = ExpertIds.IndexOf(ExpertIds.Asr);
        var video = ExpertIds.IndexOf(ExpertIds.VideoUnderstanding);
        var image = ExpertIds.IndexOf(ExpertIds.ImageGeneration);
        var missed = ExpertIds.All.Count;
        Assert.Equal(1, evaluation.Confusion[asr, video]);
        Assert.Equal(1, evaluation.Confusion[asr, missed]);
        Assert.Equal(1, evaluation.Confusion[missed, video]);
        Assert.Equal(1, evaluation.Confusion[image, image]);
        var miss = Assert.Single(evaluation.Misrouted);
        Assert.Equal("说了什么", miss.Text);
        Assert.Equal([ExpertIds.Asr], miss.Expected);
        Assert.Equal([ExpertIds.VideoUnderstanding], miss.Selected);
        Assert.Equal(1, evaluation.ByGate["planner"]);

        var report = new StringWriter();
        evaluation.WriteReport(report);
        Assert.Contains("exact-set accuracy  0.5000 (1/2)", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("说了什么\texpected asr\tselected video_understanding", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Add_UnknownExpert_Throws()
    {
        Assert.Throws<ArgumentException>(() => new GateEvaluation().Add("x", ["painting"], [ExpertIds.TextGeneration]));
    }

    [Theory]
    [InlineData("{\"text\": \"画一只猫\", \"experts\": [\"image_generation\"]}", "画一只猫", "image_generation")]
    [InlineData("{\"text\": \"写诗并读出来\", \"labels\": [\"text_generation\", \"tts\"], \"kind\": \"compound\"}", "写诗并读出来", "text_generation,tts")]
    [InlineData("what time is it\texternal_services", "what time is it", "external_services")]
    [InlineData("write a poem and read it aloud\ttext_generation, tts", "write a poem and read it aloud", "text_generation,tts")]
    [InlineData("写诗并读出来\ttext_generation+tts", "写诗并读出来", "text_generation,tts")]
    [InlineData("画一只猫\t以文生图能力", "画一只猫", "image_generation")]
    public void Parse_JsonLinesAndTsv_GiveTheTextAndItsExperts(string line, string text, string experts)
    {
        var request = GateEvalFile.Parse(line, "f:1");

        Assert.Equal(text, request.Text);
        Assert.Equal(experts.Split(','), request.Experts);
    }

    [Theory]
    [InlineData("just a text without labels", "expected a JSON object")]
    [InlineData("{\"text\": \"x\"}", "\"experts\" array")]
    [InlineData("{not json", "not valid JSON")]
    [InlineData("hello\tpainting", "unknown expert 'painting'")]
    [InlineData("\ttext_generation", "expected a JSON object")]
    public void Parse_BadLine_NamesTheLineAndTheProblem(string line, string message)
    {
        var ex = Assert.Throws<FormatException>(() => GateEvalFile.Parse(line, "eval.tsv:7"));

        Assert.Contains("eval.tsv:7", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }
}
