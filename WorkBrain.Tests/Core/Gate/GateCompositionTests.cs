using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Gate;

/// <summary>The gate as the engine composes it: the user's library as evidence, and the planner cascade measured by route --eval.</summary>
public sealed class GateCompositionTests
{
    private static IHost Build(string directory, Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = TestModels.RepositoryRoot,
            DisableDefaults = true,
        });
        settings["Storage:DataDirectory"] = directory;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        return builder.Build();
    }

    private static void Delete(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task RouteAsync_QuestionAnsweredByTheUsersManual_GoesToDocumentQaAndTheAnswerCitesIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), "wb-gate-library-" + Guid.NewGuid().ToString("N"));
        using var host = Build(directory, []);
        await host.StartAsync();
        try
        {
            var library = host.Services.GetRequiredService<DocumentLibrary>();
            const string manual = "智能水杯 X1 使用说明书。\n电池容量：智能水杯 X1 内置 500 mAh 锂电池，充满电约需 2 小时。\n清洗：请勿将杯盖浸入水中。\n";
            var added = await library.AddAsync("u1", "x1-manual.txt", new MemoryStream(System.Text.Encoding.UTF8.GetBytes(manual)));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await library.WaitUntilIndexedAsync("u1", added.Id, timeout.Token);
            var gate = host.Services.GetRequiredService<IGate>();
            const string question = "智能水杯 X1 的电池容量是多少？";

            var owner = await gate.RouteAsync(new Turn(question, [], "s1", "u1", []));
            var stranger = await gate.RouteAsync(new Turn(question, [], "s2", "u2", []));
            var unrelated = await gate.RouteAsync(new Turn("what is photosynthesis", [], "s1", "u1", []));

            Assert.Equal([ExpertIds.DocumentQa], owner.Selected.Select(s => s.Expert));
            Assert.False(stranger.Selects(ExpertIds.DocumentQa));
            Assert.False(unrelated.Selects(ExpertIds.DocumentQa));

            var events = new List<BrainEvent>();
            await foreach (var e in host.Services.GetRequiredService<IBrain>().AnswerAsync(new Turn(question, [], "s1", "u1", []), cancellationToken: timeout.Token))
            {
                events.Add(e);
            }

            var citation = Assert.Single(events.OfType<Citation>().Take(1));
            Assert.Equal(ExpertIds.DocumentQa, citation.Expert);
            Assert.Contains("500 mAh", citation.Snippet, StringComparison.Ordinal);
        }
        finally
        {
            await host.StopAsync();
            Delete(directory);
        }
    }

    [Theory]
    [InlineData("1", "planner 1")]
    [InlineData("0", "textcnn-gate 1")]
    public async Task RouteEval_Cascade_PlannerDecidesTheUnsureRequests(string margin, string decidedBy)
    {
        await using var llm = await FakeOpenAiServer.StartAsync();
        llm.TokenDelay = TimeSpan.Zero;
        llm.Answer = _ => ["{\"experts\":[{\"id\":\"image_generation\",\"p\":0.9,\"instruction\":\"画一只猫\"}]}"];
        var directory = Path.Combine(Path.GetTempPath(), "wb-gate-cascade-" + Guid.NewGuid().ToString("N"));
        using var host = Build(directory, new Dictionary<string, string?>
        {
            ["TextGeneration:Endpoint"] = llm.BaseUrl,
            ["TextGeneration:Model"] = "fake-model",
            ["Gate:Planner:Cascade"] = "true",
            ["Gate:UnsureMargin"] = margin,
        });
        var file = Path.Combine(Path.GetTempPath(), $"cascade-{Guid.NewGuid():N}.tsv");
        await File.WriteAllTextAsync(file, "画一只猫\timage_generation\n");
        try
        {
            var command = host.Services.GetServices<ICliCommand>().Single(c => c.Name == "route");
            var output = new StringWriter();

            var code = await command.RunAsync(["--eval", file], TextReader.Null, output, TextWriter.Null, CancellationToken.None);

            Assert.Equal(0, code);
            Assert.Contains("gate                textcnn-gate+planner", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("decided by          " + decidedBy, output.ToString(), StringComparison.Ordinal);
            Assert.Contains("exact-set accuracy  1.0000 (1/1)", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
            Delete(directory);
        }
    }
}
