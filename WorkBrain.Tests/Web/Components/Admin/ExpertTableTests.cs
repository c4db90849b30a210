using Bunit;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Components.Pages.Admin;

namespace WorkBrain.Tests.Web.Components.Admin;

public sealed class ExpertTableTests : BunitTestBase
{
    private static ExpertFigures Figures(string id, long requests = 0, string? error = null) =>
        new(id, requests, error is null ? 0 : 1, 0, requests > 0 ? 12.5 : null, requests > 0 ? 40 : null, 0, null, null, error);

    [Fact]
    public void Render_ShowsEachExpertsStateBackendDeviceAndFigures()
    {
        ExpertRow[] rows =
        [
            new(new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, "local ONNX", "GPU (CUDA)", "", "qwen2.5-0.5b"), Figures(ExpertIds.TextGeneration, 7)),
            new(new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.NotDownloaded, "local ONNX", "", "run: models pull sd-turbo"), Figures(ExpertIds.ImageGeneration)),
            new(new ExpertStatus(ExpertIds.Asr, ExpertState.Downloading, "local ONNX", "", "", Progress: 0.42), Figures(ExpertIds.Asr)),
            new(new ExpertStatus(ExpertIds.Tts, ExpertState.Failed, "local ONNX", "", "voice file is corrupt"), Figures(ExpertIds.Tts, 2, "voice file is corrupt")),
        ];

        var cut = Context.Render<ExpertTable>(p => p.Add(t => t.Rows, rows));

        var text = cut.Find($"[data-expert={ExpertIds.TextGeneration}]");
        Assert.Equal("ready", text.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Contains("GPU (CUDA)", text.TextContent, StringComparison.Ordinal);
        Assert.Equal("7", text.QuerySelector("[data-testid=requests]")!.TextContent);
        Assert.Contains("12.5", text.TextContent, StringComparison.Ordinal);

        var image = cut.Find($"[data-expert={ExpertIds.ImageGeneration}]");
        Assert.Equal("not downloaded", image.QuerySelector("[data-testid=state]")!.TextContent);
        Assert.Contains("models pull sd-turbo", image.TextContent, StringComparison.Ordinal);

        Assert.Equal("downloading 42%", cut.Find($"[data-expert={ExpertIds.Asr}] [data-testid=state]").TextContent.Replace(" %", "%", StringComparison.Ordinal));
        Assert.Contains("voice file is corrupt", cut.Find($"[data-expert={ExpertIds.Tts}]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NotReadyExperts_SayWhatTheyNeed_AndLoadedOnesTheirMemoryAndQueue()
    {
        ExpertRow[] rows =
        [
            new(new ExpertStatus(ExpertIds.TextGeneration, ExpertState.Ready, "local ONNX", "CPU", "", "qwen", MemoryBytes: 3L << 20, QueueDepth: 2), Figures(ExpertIds.TextGeneration)),
            new(new ExpertStatus(ExpertIds.ImageGeneration, ExpertState.NotConfigured, "none", "", "set ImageGeneration:Endpoint"), Figures(ExpertIds.ImageGeneration)),
            new(new ExpertStatus(ExpertIds.Tts, ExpertState.Failed, "Piper ONNX", "", "voice file is corrupt"), Figures(ExpertIds.Tts)),
        ];

        var cut = Context.Render<ExpertTable>(p => p.Add(t => t.Rows, rows));

        var text = cut.Find($"[data-expert={ExpertIds.TextGeneration}]");
        Assert.Equal("3.0 MiB", text.QuerySelector("[data-testid=memory]")!.TextContent);
        Assert.Equal("2", text.QuerySelector("[data-testid=queue]")!.TextContent);
        Assert.Null(text.QuerySelector("[data-testid=needs]"));
        Assert.Equal("Needs: set ImageGeneration:Endpoint", cut.Find($"[data-expert={ExpertIds.ImageGeneration}] [data-testid=needs]").TextContent);
        Assert.Equal("–", cut.Find($"[data-expert={ExpertIds.ImageGeneration}] [data-testid=memory]").TextContent);
        Assert.Equal("Failed: voice file is corrupt", cut.Find($"[data-expert={ExpertIds.Tts}] [data-testid=needs]").TextContent);
    }
}
