using Microsoft.Extensions.AI;
using WorkBrain.Core.Text.Gguf;

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
}
