using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Tests.Core.Text.Gguf;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Core.Documents.Embeddings;

/// <summary>The same checks against each Embeddings engine (ONNX bge, LLamaSharp GGUF, an OpenAI-compatible server),
/// each configured the old way (Embeddings:Backend) and the new way (Engines:Embeddings:NAME), through the real
/// composition root: document search's vectors and /v1/embeddings.</summary>
public sealed class EmbeddingEnginesTests
{
    public static TheoryData<string, bool> Engines => new()
    {
        { "local", false }, { "local", true },
        { "gguf", false }, { "gguf", true },
        { "remote", false }, { "remote", true },
    };

    private static async Task<(Dictionary<string, string?> Settings, Type Engine, int Width)> ConfigureAsync(string kind, bool named, FakeOpenAiServer server) => kind switch
    {
        "local" => (named
            ? new() { ["Engines:Embeddings:bge:Type"] = "onnx", ["Engines:Embeddings:bge:Path"] = await TestModels.GenerateAsync("bge_tiny") }
            : new() { ["Embeddings:Backend"] = "local", ["Embeddings:ModelDirectory"] = await TestModels.GenerateAsync("bge_tiny") },
            typeof(OnnxEmbeddingEngine), 32),
        "gguf" => (named
            ? new() { ["Engines:Embeddings:nomic:Type"] = "llamasharp", ["Engines:Embeddings:nomic:Path"] = await TinyGguf.RandomAsync() }
            : new() { ["Embeddings:Backend"] = "gguf", ["Embeddings:GgufPath"] = await TinyGguf.RandomAsync() },
            typeof(GgufEmbeddingGenerator), 64),
        _ => (named
            ? new() { ["Engines:Embeddings:server:Type"] = "openai", ["Engines:Embeddings:server:Endpoint"] = server.BaseUrl, ["Engines:Embeddings:server:Model"] = "letters" }
            : new() { ["Embeddings:Backend"] = "remote", ["Embeddings:Endpoint"] = server.BaseUrl, ["Embeddings:Model"] = "letters" },
            typeof(IEmbeddingGenerator<string, Embedding<float>>), 26),
    };

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task SelectedEngine_EachKind_GivesDocumentSearchUnitVectorsOfItsWidth(string kind, bool named)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var (settings, type, width) = await ConfigureAsync(kind, named, server);
        using var host = EngineHost.Build(settings);
        var engine = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(host);

        var vectors = await engine.EmbedAsync(["the cat sat on the mat", "hello world", "the cat sat on the mat"], CancellationToken.None);

        Assert.Equal(ExpertState.Ready, engine.GetStatus().State);
        Assert.NotNull(vectors);
        Assert.All(vectors, v => Assert.Equal(width, v.Length));
        Assert.All(vectors, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 3));
        Assert.Equal(vectors[0], vectors[2]);
        Assert.NotEqual(vectors[0], vectors[1]);
        var client = await engine.GetRequiredClientAsync();
        Assert.True(type.IsInstanceOfType(engine.Current) || client.GetService(type) is not null, $"{kind}: {engine.Current?.GetType().Name}");
        Assert.Contains(engine.Describe(), host.Services.GetRequiredService<DocumentLibrary>().EmbeddingDescription, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task V1Embeddings_EachKind_ServesTheSelectedEnginesVectors(string kind, bool named)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var (settings, _, width) = await ConfigureAsync(kind, named, server);
        await using var app = new WorkBrainAppFactory(settings);
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetEmbeddingClient("embeddings");

        var many = await client.GenerateEmbeddingsAsync(["the cat", "hello world"]);

        Assert.Equal(2, many.Value.Count);
        Assert.All(many.Value, e => Assert.Equal(width, e.ToFloats().Length));
        Assert.NotEqual(many.Value[0].ToFloats().ToArray(), many.Value[1].ToFloats().ToArray());
        if (kind == "remote")
        {
            Assert.Equal(FakeOpenAiServer.LetterVector("the cat"), many.Value[0].ToFloats().ToArray());
        }
    }

    [Fact]
    public async Task DefaultKey_ChoosesAmongNamedEngines_AndTheShortKeysStayAnEngine()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var host = EngineHost.Build(new()
        {
            ["Embeddings:Backend"] = "local",
            ["Embeddings:ModelDirectory"] = await TestModels.GenerateAsync("bge_tiny"),
            ["Engines:Embeddings:server:Type"] = "openai",
            ["Engines:Embeddings:server:Endpoint"] = server.BaseUrl,
            ["Engines:Embeddings:server:Model"] = "letters",
            ["Engines:Default:Embeddings"] = "local",
        });
        var registry = host.Services.GetRequiredService<EngineRegistry>();

        var selected = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(host);

        Assert.IsType<OnnxEmbeddingEngine>(selected.Current);
        Assert.NotNull(registry.Find<IEmbeddingGenerator<string, Embedding<float>>>("server"));
        Assert.Equal(26, (await (await registry.Find<IEmbeddingGenerator<string, Embedding<float>>>("server")!.GetClientAsync())!.GenerateAsync(["abc"]))[0].Vector.Length);
    }

    [Fact]
    public async Task BackendNone_NoEngineSelected_SearchIsBm25Only()
    {
        using var host = EngineHost.Build(new() { ["Embeddings:Backend"] = "none" });
        var engine = EngineHost.Selected<IEmbeddingGenerator<string, Embedding<float>>>(host);

        Assert.Null(engine.Current);
        Assert.Null(await engine.EmbedAsync(["x"], CancellationToken.None));
        Assert.Equal("no embeddings (BM25 only)", engine.Describe());
        Assert.Contains("Embeddings:Backend", engine.GetStatus().Detail, StringComparison.Ordinal);
    }
}
