using Bunit;
using WorkBrain.Core.Engines.Onnx;
using WorkBrain.Core.Experts;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

public sealed class EngineTableTests : BunitTestBase
{
    [Fact]
    public void Render_EnginesAndOnnxSessions_ShowsWhichIsUsedAndEachSessionsRealDevice()
    {
        EngineRow[] engines =
        [
            new("Text", "vllm", "openai", true, new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, "remote server", "", "qwen at http://gpu-1:8000/v1")),
            new("Text", "local", "onnx", false, new ExpertStatus(ExpertIds.TextGeneration, ExpertState.NotDownloaded, "local ONNX", "", "run: models pull qwen")),
        ];
        OnnxSessionInfo[] sessions =
        [
            new("whisper-base", "encoder_model.onnx", "CPU", "CUDA could not start: libcudart.so.13 missing", DateTimeOffset.UnixEpoch),
            new("gate", "gate.onnx", "CPU", null, DateTimeOffset.UnixEpoch),
        ];

        var cut = Context.Render<EngineRegistryTable>(p => p.Add(t => t.Engines, engines).Add(t => t.Sessions, sessions));

        Assert.Equal("true", cut.Find("[data-engine='Text:vllm'] [data-testid=engine-selected]").GetAttribute("data-selected"));
        Assert.Equal("false", cut.Find("[data-engine='Text:local'] [data-testid=engine-selected]").GetAttribute("data-selected"));
        Assert.Contains("run: models pull qwen", cut.Find("[data-engine='Text:local']").TextContent, StringComparison.Ordinal);
        var whisper = cut.Find("[data-testid=onnx-session-row][data-model=whisper-base]");
        Assert.Equal("CPU", whisper.QuerySelector("[data-testid=onnx-device]")!.TextContent);
        Assert.Contains("libcudart.so.13", whisper.TextContent, StringComparison.Ordinal);
    }
}
