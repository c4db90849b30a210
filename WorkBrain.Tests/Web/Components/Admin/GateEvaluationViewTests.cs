using Bunit;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate.Evaluation;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

public sealed class GateEvaluationViewTests : BunitTestBase
{
    [Fact]
    public void Render_ShowsAccuracyMacroF1PerExpertF1AndMisroutes()
    {
        var evaluation = new GateEvaluation();
        evaluation.Add("画一只猫", [ExpertIds.ImageGeneration], [ExpertIds.ImageGeneration]);
        evaluation.Add("这段录音说了什么", [ExpertIds.Asr], [ExpertIds.VideoUnderstanding]);

        var cut = Context.Render<GateEvaluationView>(p => p.Add(v => v.Evaluation, evaluation));

        Assert.Equal("2", cut.Find("[data-testid=eval-count]").TextContent);
        Assert.Equal("0.500", cut.Find("[data-testid=eval-exact]").TextContent);
        Assert.Equal("0.333", cut.Find("[data-testid=eval-macro]").TextContent);
        Assert.Equal("1.000", cut.Find($"[data-expert={ExpertIds.ImageGeneration}] [data-testid=f1]").TextContent);
        Assert.Equal("0.000", cut.Find($"[data-expert={ExpertIds.Asr}] [data-testid=f1]").TextContent);
        Assert.Empty(cut.FindAll($"[data-expert={ExpertIds.Tts}]"));
        Assert.Contains("这段录音说了什么", cut.Find("[data-testid=misrouted]").TextContent, StringComparison.Ordinal);
    }
}
