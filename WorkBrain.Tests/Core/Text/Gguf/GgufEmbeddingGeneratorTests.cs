using Microsoft.Extensions.AI;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Text.Gguf;

public sealed class GgufEmbeddingGeneratorTests
{
    [Fact]
    public async Task Generate_RandomModel_OneVectorOfTheModelsWidthPerInput()
    {
        using var generator = LlamaSharpEngineFactory.CreateEmbeddingGenerator(new GgufEngineOptions { Path = await TinyGguf.RandomAsync() });

        var result = await generator.GenerateAsync(["the cat sat on the mat", "hello world", "the cat sat on the mat"]);

        Assert.Equal(3, result.Count);
        Assert.All(result, e => Assert.Equal(64, e.Vector.Length));
        Assert.All(result, e => Assert.All(e.Vector.ToArray(), v => Assert.True(float.IsFinite(v))));
        Assert.Equal(result[0].Vector.ToArray(), result[2].Vector.ToArray());
        Assert.NotEqual(result[0].Vector.ToArray(), result[1].Vector.ToArray());
        Assert.True(result.Usage?.InputTokenCount > 3);
        Assert.Equal(64, generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions);
    }

    [Fact]
    public async Task GgufBackend_EmbedsDocumentsThroughTheRealRegistration()
    {
        using var host = EngineHost.Build(new()
        {
            ["Embeddings:Backend"] = "gguf",
            ["Embeddings:GgufPath"] = await TinyGguf.RandomAsync(),
        });
        var engine = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(host);

        var vectors = await engine.EmbedAsync(["the cat sat on the mat", "hello world"], CancellationToken.None);

        Assert.IsType<GgufEmbeddingEngine>(engine.Current);
        Assert.Contains("local GGUF (LLamaSharp) tiny-random", engine.Describe(), StringComparison.Ordinal);
        Assert.NotNull(vectors);
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.Equal(64, vectors[0].Length);
    }
}
