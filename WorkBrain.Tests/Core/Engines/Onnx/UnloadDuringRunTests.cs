using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Tests.Support;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Tests.Core.Engines.Onnx;

/// <summary>An ONNX model unloaded (from /admin) while a request runs on it: the running request finishes, a request on
/// the old client afterwards gets a clear "unloaded" error, nothing crashes, and the engine loads again on the next use.
/// Engines from the production composition root, on generated models.</summary>
public sealed class UnloadDuringRunTests
{
    private static Microsoft.Extensions.AI.ImageGenerationOptions Options(DiffusionProgressSink? progress = null) =>
        ImageGenerationProperties.For(new ImageRequest("a red square", null, 64, 64, 3, 0, 7), progress);

    [Fact]
    public async Task StableDiffusion_UnloadMidImage_TheImageFinishes_TheOldClientSaysUnloaded_AndItLoadsAgain()
    {
        using var host = EngineHost.Build(new()
        {
            ["Engines:Images:t:Type"] = "onnx",
            ["Engines:Images:t:Path"] = await TestModels.GenerateAsync("tiny_sd"),
        });
        var engine = Assert.IsType<StableDiffusionEngine>(host.Services.GetRequiredService<EngineRegistry>().Find("Images", "t"));
        var client = (await engine.GetClientAsync())!;
        var running = new TaskCompletionSource();
        using var unloaded = new ManualResetEventSlim();
        var sink = new DiffusionProgressSink(p =>
        {
            if (p.Step == 1)
            {
                running.TrySetResult();
                unloaded.Wait(TimeSpan.FromSeconds(60));
            }
        });

        var generation = Task.Run(() => client.GenerateAsync(new ImageGenerationRequest("a red square"), Options(sink)));
        await running.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await engine.UnloadAsync();
        unloaded.Set();
        var image = await generation;

        Assert.False(engine.IsLoaded);
        Assert.Equal("image/png", Assert.IsType<DataContent>(Assert.Single(image.Contents)).MediaType);
        var refused = await Assert.ThrowsAsync<ExpertException>(() => client.GenerateAsync(new ImageGenerationRequest("a red square"), Options()));
        Assert.Contains("unloaded", refused.Message, StringComparison.Ordinal);
        var again = (await engine.GetClientAsync())!;
        Assert.Single((await again.GenerateAsync(new ImageGenerationRequest("a red square"), Options())).Contents);
    }

    [Fact]
    public async Task Embeddings_UnloadWhileManyRun_EachFinishesOrSaysUnloaded_AndItLoadsAgain()
    {
        using var host = EngineHost.Build(new()
        {
            ["Engines:Embeddings:t:Type"] = "onnx",
            ["Engines:Embeddings:t:Path"] = await TestModels.GenerateAsync("bge_tiny"),
        });
        var engine = Assert.IsType<OnnxEmbeddingEngine>(host.Services.GetRequiredService<EngineRegistry>().Find("Embeddings", "t"));
        var client = (await engine.GetClientAsync())!;
        var texts = Enumerable.Range(0, 16).Select(i => $"passage {i} about unloading a model while it runs").ToList();

        var runs = Enumerable.Range(0, 24).Select(_ => Task.Run(() => client.GenerateAsync(texts))).ToList();
        await engine.UnloadAsync();
        var outcomes = await Task.WhenAll(runs.Select(async r =>
        {
            try
            {
                return (await r).Count == texts.Count ? "done" : "short";
            }
            catch (ExpertException e) when (e.Message.Contains("unloaded", StringComparison.Ordinal))
            {
                return "unloaded";
            }
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { "done", "unloaded" }));
        var refused = await Assert.ThrowsAsync<ExpertException>(() => client.GenerateAsync(texts));
        Assert.Contains("unloaded", refused.Message, StringComparison.Ordinal);
        Assert.Equal(texts.Count, (await (await engine.GetClientAsync())!.GenerateAsync(texts)).Count);
    }
}
