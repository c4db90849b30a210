using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

#pragma warning disable MEAI001 // speech and image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Core.Engines;

public static class EngineServiceCollectionExtensions
{
    /// <summary>The engine registry, <see cref="SelectedEngine{TClient}"/> for each abstraction, and every engine as a
    /// keyed service by its name (<c>[FromKeyedServices("vllm")] IEngine&lt;IChatClient&gt;</c>).</summary>
    public static IServiceCollection AddEngines(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<EngineRegistry>();
        services.TryAddSingleton(typeof(SelectedEngine<>));
        AddKeyed<IChatClient>(services);
        AddKeyed<IEmbeddingGenerator<string, Embedding<float>>>(services);
        AddKeyed<ISpeechToTextClient>(services);
        AddKeyed<ITextToSpeechClient>(services);
        AddKeyed<IImageGenerator>(services);
        return services;
    }

    /// <summary>Adds an engine type: configuration then names it with <c>Type</c> under <c>Engines:{Capability}</c>.</summary>
    public static IServiceCollection AddEngineFactory<TFactory>(this IServiceCollection services) where TFactory : class, IEngineFactory
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEngineFactory, TFactory>());
        return services;
    }

    /// <summary>Adds an engine type given as an instance (e.g. one <c>OpenAiEngineFactory&lt;TClient&gt;</c> per abstraction).</summary>
    public static IServiceCollection AddEngineFactory(this IServiceCollection services, IEngineFactory factory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.TryAddEnumerable(ServiceDescriptor.Singleton(factory));
        return services;
    }

    /// <summary>Reads a capability's short keys as engine definitions.</summary>
    public static IServiceCollection AddEngineShorthand<TShorthand>(this IServiceCollection services) where TShorthand : class, IEngineShorthand
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IEngineShorthand, TShorthand>());
        return services;
    }

    private static void AddKeyed<TClient>(IServiceCollection services) where TClient : class =>
        services.TryAddKeyedSingleton<IEngine<TClient>>(KeyedService.AnyKey, (sp, key) =>
        {
            var registry = sp.GetRequiredService<EngineRegistry>();
            var name = key as string ?? "";
            return registry.Find<TClient>(name) ?? throw new InvalidOperationException(
                $"No {EngineCapability.Of<TClient>()} engine is named \"{name}\" (configured: {string.Join(", ", registry.All.Where(e => e is IEngine<TClient>).Select(e => e.Definition.Name))}).");
        });
}
