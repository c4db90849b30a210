using WorkBrain.Core.Engines.Onnx;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.AI;
using WorkBrain.Core.Documents;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Engines.OpenAi;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.Gate;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Core.Models;
using WorkBrain.Core.Orchestration;
using WorkBrain.Core.Speech;
using WorkBrain.Core.Storage;
using WorkBrain.Core.Text;
using WorkBrain.Core.Tools;
using WorkBrain.Core.Vision;
using WorkBrain.Core.Text.Gguf;
using WorkBrain.Core.Text.Local;

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
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section)
            .PostConfigure<IHostEnvironment>((o, environment) => o.UseDefaultDirectory(environment.ContentRootPath));
        services.AddOptions<TextGenerationOptions>().BindConfiguration(TextGenerationOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExpertMonitor>(sp => new ExpertMonitor(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ExpertCatalog>()));
        services.TryAddSingleton<BrainTelemetry>(sp => new BrainTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<ExpertMonitor>()));
        services.TryAddSingleton<IGate, TextOnlyGate>();

        services.AddOptions<OnnxRuntimeOptions>().BindConfiguration(OnnxRuntimeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<OnnxSessionFactory>();
        services.AddSingleton<WorkBrain.Core.Engines.Pooled.EnginePoolRegistry>();
        services.AddEngines();
        services.AddEngineShorthand<TextShorthand>();
        services.AddEngineFactory<RemoteChatEngineFactory>();
        services.AddSingleton<IExpert, TextGenerationExpert>();
        services.AddLocalTextModels();
        services.AddGgufTextModel();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, ChatCommand>());

        // Each area adds its experts here.
        services.AddGate();
        services.AddExternalServices();
        services.AddImageGeneration();
        services.AddVision();
        services.AddSpeech();
        services.AddDocumentQa();

        services.TryAddSingleton(sp => new ExpertCatalog(sp.GetServices<ExpertDescriptor>()));
        services.TryAddSingleton<ExpertRegistry>();
        services.TryAddSingleton<IBrain, Brain>();
        return builder;
    }
}
