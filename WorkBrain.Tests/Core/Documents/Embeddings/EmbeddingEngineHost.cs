using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Documents.Embeddings;

/// <summary>The engine's production composition root with the given settings, for tests of the Embeddings engines.</summary>
internal static class EmbeddingEngineHost
{
    public static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = TestModels.RepositoryRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        return builder.Build();
    }

    public static SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>> Selected(IHost host) =>
        host.Services.GetRequiredService<SelectedEngine<IEmbeddingGenerator<string, Embedding<float>>>>();
}
