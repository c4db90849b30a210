using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Models;

namespace WorkBrain.Core.Text.Local;

public static class LocalTextModelsExtensions
{
    /// <summary>The local ONNX text model (engine type "onnx"), the model catalog and downloader, and the <c>models</c> command.</summary>
    public static IServiceCollection AddLocalTextModels(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddModelCatalog();
        services.AddOptions<LocalTextModelOptions>().BindConfiguration(LocalTextModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ICliCommand, ModelsCommand>());
        services.AddEngineFactory<OnnxChatEngineFactory>();
        return services;
    }
}
