using Microsoft.Extensions.AI;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Documents.Embeddings;

public sealed class OnnxEmbeddingGeneratorTests
{
    [Fact]
    public async Task GenerateAsync_TinyBgeModel_UnitVectorsIndependentOfBatchPadding()
    {
        var directory = await TestModels.GenerateAsync("bge_tiny");
        using var generator = new OnnxEmbeddingGenerator(Path.Combine(directory, "model.onnx"), Path.Combine(directory, "vocab.txt"), "cls", 64);

        var batch = await generator.GenerateAsync(["the cat", "公司员工手册的年假天数", "office opens at nine ."]);
        var single = await generator.GenerateAsync(["the cat"]);

        Assert.Equal(3, batch.Count);
        Assert.All(batch, e => Assert.Equal(32, e.Vector.Length));
        Assert.All(batch, e => Assert.Equal(1.0, Math.Sqrt(e.Vector.ToArray().Sum(x => (double)x * x)), 4));
        var a = batch[0].Vector.ToArray();
        var b = single[0].Vector.ToArray();
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 4));
        Assert.NotEqual(a, batch[1].Vector.ToArray());
    }

    [Fact]
    public async Task LocalEngine_FolderOrMissing_EmbedsOrReportsWhatIsMissing()
    {
        var directory = await TestModels.GenerateAsync("bge_tiny");
        using var host = EngineHost.Build(new() { ["Embeddings:Backend"] = "local", ["Embeddings:ModelDirectory"] = directory, ["Embeddings:Pooling"] = "mean" });
        using var missingHost = EngineHost.Build(new() { ["Embeddings:Backend"] = "local", ["Embeddings:ModelDirectory"] = "/nonexistent/bge" });
        var local = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(host);
        var missing = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(missingHost);

        var vector = await local.EmbedQueryAsync("", "年假", CancellationToken.None);

        Assert.Equal(32, vector!.Length);
        Assert.StartsWith("embeddings: local ONNX", local.Describe(), StringComparison.Ordinal);
        Assert.IsType<OnnxEmbeddingEngine>(missing.Current);
        Assert.Null(await missing.GetClientAsync());
        Assert.Null(await missing.EmbedQueryAsync("", "年假", CancellationToken.None));
        Assert.Equal(ExpertState.NotDownloaded, missing.GetStatus().State);
        Assert.Contains("lacks model.onnx", missing.Describe(), StringComparison.Ordinal);
    }
}
