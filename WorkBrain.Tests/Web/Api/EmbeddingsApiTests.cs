using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Accounts;

namespace WorkBrain.Tests.Web.Api;

/// <summary>/v1/embeddings served by the generator production configures from Embeddings:Backend, nothing injected.</summary>
public sealed class EmbeddingsApiTests
{
    [Fact]
    public async Task Embeddings_LocalBackendConfigured_ServesTheModelsVectors()
    {
        var model = await TestModels.GenerateAsync("bge_tiny");
        await using var app = new WorkBrainAppFactory(new Dictionary<string, string?>
        {
            ["Embeddings:Backend"] = "local",
            ["Embeddings:ModelDirectory"] = model,
        });
        var key = (await app.Services.GetRequiredService<ApiKeyService>().CreateAsync("alice", "tests")).Key;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, "/v1"),
            Transport = new HttpClientPipelineTransport(app.CreateClient()),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        }).GetEmbeddingClient("bge");

        var many = await client.GenerateEmbeddingsAsync(["the cat", "公司员工手册的年假天数"]);

        Assert.Equal(2, many.Value.Count);
        Assert.All(many.Value, e => Assert.Equal(32, e.ToFloats().Length));
        Assert.All(many.Value, e => Assert.Equal(1.0, Math.Sqrt(e.ToFloats().ToArray().Sum(x => (double)x * x)), 3));
        Assert.NotEqual(many.Value[0].ToFloats().ToArray(), many.Value[1].ToFloats().ToArray());
    }
}
