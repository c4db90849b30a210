using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkBrain.Core.Engines;

namespace WorkBrain.Core.Text.Gguf;

public static class GgufTextModelsExtensions
{
    /// <summary>The GGUF text engine (type "llamasharp"; TextGeneration:Gguf is its short key, TextGeneration:Backend=gguf
    /// chooses it). Needs <c>AddLocalTextModels</c> for the model catalog.</summary>
    public static IServiceCollection AddGgufTextModel(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GgufEngineOptions>().BindConfiguration(GgufEngineOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddEngineFactory<GgufChatEngineFactory>();
        return services;
    }
}
