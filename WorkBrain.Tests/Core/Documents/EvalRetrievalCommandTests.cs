using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Models;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Documents;

public sealed class EvalRetrievalCommandTests
{
    [Fact]
    public async Task RunAsync_SmallSquadFile_PrintsRecallMrrAndAnswerScores()
    {
        var data = new
        {
            version = "v1",
            data = new[]
            {
                new { paragraphs = new[]
                {
                    new { id = "P1", context = "长城是中国古代的军事防御工程。长城总长度超过两万公里。", qas = new[] { new { question = "长城总长度超过多少？", id = "q1", answers = new[] { new { text = "两万公里", answer_start = 20 } } } } },
                    new { id = "P2", context = "故宫位于北京中轴线的中心。故宫是明清两代的皇家宫殿。", qas = new[] { new { question = "故宫位于哪里？", id = "q2", answers = new[] { new { text = "北京中轴线的中心", answer_start = 4 } } } } },
                    new { id = "P3", context = "西湖位于杭州市西部。西湖有十景。", qas = new[] { new { question = "西湖有几景？", id = "q3", answers = new[] { new { text = "十景", answer_start = 13 } } } } },
                } },
            },
        };
        var path = Path.Combine(Path.GetTempPath(), $"cmrc-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(data));
        var command = new EvalRetrievalCommand(Options.Create(new DocumentsOptions()),
            TestEngines.None<IEmbeddingGenerator<string, Embedding<float>>>());
        var output = new StringWriter();

        var code = await command.RunAsync([path], TextReader.Null, output, TextWriter.Null, CancellationToken.None);

        File.Delete(path);
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("paragraphs 3, chunks 3, questions 3", text, StringComparison.Ordinal);
        Assert.Contains("recall@1 100.0 %  recall@5 100.0 %  MRR 1.000", text, StringComparison.Ordinal);
        Assert.Contains("extractive answer (gold paragraph):     EM 100.0 %", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_MissingFile_ReturnsUsageError()
    {
        var command = new EvalRetrievalCommand(Options.Create(new DocumentsOptions()),
            TestEngines.None<IEmbeddingGenerator<string, Embedding<float>>>());
        var error = new StringWriter();

        var code = await command.RunAsync(["/nonexistent/cmrc.json"], TextReader.Null, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, code);
        Assert.Contains("Dataset not found", error.ToString(), StringComparison.Ordinal);
    }
}
