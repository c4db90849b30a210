using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Gate;
using WorkBrain.Core.Models;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Storage;
using WorkBrain.Core.Text;

namespace WorkBrain.Core.Hosting;

public static class WorkBrainEngineExtensions
{
    /// <summary>The engine's composition root: gate, experts and the Brain, with their options bound and validated on start.</summary>
    public static IHostApplicationBuilder AddWorkBrainEngine(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<GateOptions>().BindConfiguration(GateOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        services.TryAddSingleton<IFileStore, DiskFileStore>();
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section);
        services.AddOptions<TextGenerationOptions>().BindConfiguration(TextGenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton<BrainTelemetry>();
        services.TryAddSingleton<IGate, TextOnlyGate>();

        services.AddSingleton<IChatModelProvider, RemoteChatModelProvider>();
        services.TryAddSingleton<TextModelSelector>();
        services.AddSingleton<IExpert, TextGenerationExpert>();

        // Each area adds its experts here.
        services.AddDocumentQa();

        services.TryAddSingleton<ExpertRegistry>();
        services.TryAddSingleton<IBrain, Brain>();
        return builder;
    }
}
