using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkBrain.Core.Models;

public static class ModelCatalogExtensions
{
    /// <summary>The models folder (<see cref="ModelsOptions"/>), the manifest's catalog and its downloader: what a local
    /// engine pulls and finds its weights with. Safe to call from every registration that has local engines.</summary>
    public static IServiceCollection AddModelCatalog(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ModelsOptions>().BindConfiguration(ModelsOptions.Section);
        services.TryAddSingleton<ModelDownloader>();
        services.TryAddSingleton<ModelCatalog>();
        return services;
    }
}
