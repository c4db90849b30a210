using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Tests.Core.Gate;

public sealed class RouteCommandTests(TrainedGate trained) : IClassFixture<TrainedGate>
{
    [Fact]
    public async Task RunAsync_OneRequestPerLine_WritesOneJsonLineEach()
    {
        var command = new RouteCommand(trained.Gate);
        var output = new StringWriter();

        var code = await command.RunAsync([], new StringReader("帮我写一篇《春天来了》的文章，并配一张图片\n\nwhat time is it\n"), output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("春天来了", lines[0], StringComparison.Ordinal);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("帮我写一篇《春天来了》的文章，并配一张图片", first.RootElement.GetProperty("text").GetString());
        var experts = first.RootElement.GetProperty("experts").EnumerateArray().ToList();
        Assert.Equal(2, experts.Count);
        Assert.All(experts, e =>
        {
            Assert.True(ExpertIds.IsKnown(e.GetProperty("id").GetString()!));
            Assert.InRange(e.GetProperty("p").GetDouble(), 0.3, 1.0);
            Assert.False(string.IsNullOrWhiteSpace(e.GetProperty("instruction").GetString()));
        });
        Assert.Equal(ExpertIds.All, first.RootElement.GetProperty("scores").EnumerateObject().Select(p => p.Name));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(ExpertIds.ExternalServices, second.RootElement.GetProperty("experts")[0].GetProperty("id").GetString());
    }

    private static async Task<(int Code, string Output, string Error)> EvalAsync(RouteCommand command, string extension, string content, params string[] more)
    {
        var path = Path.Combine(Path.GetTempPath(), $"route-eval-{Guid.NewGuid():N}.{extension}");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = await command.RunAsync(["--eval", path, .. more], TextReader.Null, output, error, CancellationToken.None);
            return (code, output.ToString(), error.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task RunAsync_EvalJsonLines_PrintsAccuracyMacroF1PerExpertConfusionAndMisroutes()
    {
        const string file = """
            {"text": "画一只在雪地里玩耍的小狗", "experts": ["image_generation"]}
            {"text": "深圳明天天气怎么样", "experts": ["external_services"]}

            {"text": "write a short poem about the ocean", "experts": ["asr"]}
            """;

        var (code, output, _) = await EvalAsync(new RouteCommand(trained.Gate), "jsonl", file);

        Assert.Equal(0, code);
        Assert.Contains("requests            3", output, StringComparison.Ordinal);
        Assert.Contains("exact-set accuracy  0.6667 (2/3)", output, StringComparison.Ordinal);
        Assert.Contains("macro-F1", output, StringComparison.Ordinal);
        Assert.Matches(@"image_generation\s+1\.0000\s+1\.0000\s+1\.0000\s+1\s+1", output);
        Assert.Contains("confusion: rows = expected expert", output, StringComparison.Ordinal);
        Assert.Contains("write a short poem about the ocean\texpected asr\tselected text_generation", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EvalTsv_ReadsTextTabIds()
    {
        const string file = "# text<TAB>experts\n画一只在雪地里玩耍的小狗\timage_generation\nWrite a poem about autumn and then read it aloud\ttext_generation,tts\n";

        var (code, output, _) = await EvalAsync(new RouteCommand(trained.Gate), "tsv", file, "--misses", "0");

        Assert.Equal(0, code);
        Assert.Contains("requests            2 (1 expecting several experts)", output, StringComparison.Ordinal);
        Assert.Contains("exact-set accuracy  1.0000 (2/2)", output, StringComparison.Ordinal);
        Assert.Contains("decided by          textcnn-gate 2", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EvalBadFile_FailsWithTheLineAndMeasuresNothing()
    {
        var (code, output, error) = await EvalAsync(new RouteCommand(trained.Gate), "tsv", "画一只猫\timage_generation\n你好\tchitchat\n");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains(":2: unknown expert 'chitchat'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_EvalWithoutFile_PrintsUsage()
    {
        var error = new StringWriter();

        var code = await new RouteCommand(trained.Gate).RunAsync(["--eval"], TextReader.Null, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("route --eval FILE", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AddGate_ModelMissing_FallsBackToTextOnlyGate()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Gate:Model:Path"] = "/nonexistent/gate.json" }).Build());
        services.AddOptions<GateOptions>();
        services.AddSingleton<IGate, TextOnlyGate>();
        services.AddGate();
        using var provider = services.BuildServiceProvider();

        Assert.IsType<TextOnlyGate>(provider.GetRequiredService<IGate>());
        Assert.Contains(provider.GetServices<ICliCommand>(), c => c.Name == "route");
    }

    [Fact]
    public void AddWorkBrainEngine_CommittedModel_RegistersTheTrainedGate()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = Support.TestModels.RepositoryRoot,
            DisableDefaults = true,
        });
        builder.AddWorkBrainEngine();
        using var host = builder.Build();

        var gate = host.Services.GetRequiredService<IGate>();

        Assert.IsType<OnnxGate>(gate);
    }
}
