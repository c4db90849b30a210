using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Tools;

public static class ExternalServicesExtensions
{
    /// <summary>The external_services expert: built-in tools, "Tools:Http" services and "Tools:Mcp" servers.</summary>
    public static IServiceCollection AddExternalServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ToolsOptions>().BindConfiguration(ToolsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<McpToolSource>();
        services.TryAddSingleton<ExternalToolbox>();
        services.AddSingleton<IExpert, ExternalServicesExpert>();
        return services;
    }
}
