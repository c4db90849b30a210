using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WorkBrain.Core.Experts;

public static class ExpertServiceCollectionExtensions
{
    /// <summary>Adds an expert: its description (read by the Brain, the gate's attachment evidence, the registry,
    /// <c>/v1/models</c> and the dashboard) and its implementation, whose <see cref="IExpert.Id"/> must be the descriptor's.</summary>
    public static IServiceCollection AddExpert<TExpert>(this IServiceCollection services, ExpertDescriptor descriptor) where TExpert : class, IExpert
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(descriptor.Id);
        services.AddSingleton(descriptor);
        services.AddSingleton<IExpert, TExpert>();
        services.TryAddSingleton(sp => new ExpertCatalog(sp.GetServices<ExpertDescriptor>()));
        return services;
    }
}
