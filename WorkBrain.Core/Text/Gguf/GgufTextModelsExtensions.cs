using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Core.Text.Gguf;

public static class GgufTextModelsExtensions
{
    /// <summary>The GGUF text model (<see cref="IChatModelProvider"/> kind "gguf", TextGeneration:Backend=gguf) and the
    /// <c>chat</c> command. Needs <c>AddLocalTextModels</c> for the model catalog.</summary>
    public static IServiceCollection AddGgufTextModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GgufEngineOptions>().BindConfiguration(GgufEngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<GgufChatModelProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IChatModelProvider, GgufChatModelProvider>(sp => sp.GetRequiredService<GgufChatModelProvider>()));
        return services;
    }
}
