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
