using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Documents.Embeddings;
using WorkBrain.Core.Documents.Parsing;
using WorkBrain.Core.Documents.Storage;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Core.Documents;

public static class DocumentQaServiceExtensions
{
    /// <summary>document_qa: parsing, the per-user document library with background indexing, retrieval (BM25, plus
    /// embeddings when an Embeddings engine is configured: Engines:Embeddings, or the short keys under "Embeddings"), the expert and the eval-retrieval command.
    /// Needs <see cref="IFileStore"/> and StorageOptions from the engine.</summary>
    public static IServiceCollection AddDocumentQa(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<DocumentsOptions>().BindConfiguration(DocumentsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmbeddingsOptions>().BindConfiguration(EmbeddingsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DocumentParser>();
        services.AddEngineShorthand<EmbeddingsShorthand>();
        services.AddEngineFactory<OnnxEmbeddingEngineFactory>();
        services.AddEngineFactory<GgufEmbeddingEngineFactory>();
        services.AddEngineFactory(new OpenAiEngineFactory<IEmbeddingGenerator<string, Embedding<float>>>((client, model) => client.GetEmbeddingClient(model).AsIEmbeddingGenerator()));
        services.TryAddSingleton<DocumentStore>();
        // Progress and changes in this process; a web host with Redis shares them between replicas (AddScale).
        services.TryAddSingleton<IDocumentChangeFeed, InProcessDocumentChangeFeed>();
        services.TryAddSingleton<DocumentLibrary>();
        services.AddHostedService<DocumentIndexingService>();
        services.AddSingleton<IExpert, DocumentQaExpert>();
        // The document store lives in the web app's database; an engine-only host (route, benchmarks) has no library.
        services.AddSingleton<IGateEvidence>(sp => sp.GetService<IDocumentDbContextFactory>() is null
            ? LibraryEvidence.NoLibrary
            : ActivatorUtilities.CreateInstance<LibraryEvidence>(sp));
        services.AddSingleton<ICliCommand, EvalRetrievalCommand>();
        return services;
    }
}
