using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;

namespace WorkBrain.Tests.Support;

/// <summary>An engine that hands out a client the test made (or none: then its status says it is not configured).</summary>
internal sealed class FakeEngine<TClient>(TClient? client, bool inProcess = false, string name = "fake") : IEngine<TClient> where TClient : class
{
    public EngineDefinition Definition { get; } = new(EngineCapability.Of<TClient>(), name, "fake", new ConfigurationBuilder().Build().GetSection("Fake"));

    public bool InProcess => inProcess;

    public ExpertStatus GetStatus() => client is null
        ? new ExpertStatus(EngineCapability.ExpertOf(Definition.Capability), ExpertState.NotConfigured, "fake", "", "no model")
        : new ExpertStatus(EngineCapability.ExpertOf(Definition.Capability), ExpertState.Ready, "fake", "CPU", "fake");

    public ValueTask<TClient?> GetClientAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(client);
}

/// <summary>Registers a <see cref="FakeEngine{TClient}"/> as the chosen engine of its capability, through the real registry.</summary>
internal static class TestEngines
{
    public static IServiceCollection AddFakeEngine<TClient>(this IServiceCollection services, TClient? client, bool inProcess = false) where TClient : class =>
        services.AddTestEngine(new FakeEngine<TClient>(client, inProcess));

    /// <summary>Registers <paramref name="engine"/> as the chosen engine of its capability, through the real registry.</summary>
    public static IServiceCollection AddTestEngine<TClient>(this IServiceCollection services, IEngine<TClient> engine) where TClient : class
    {
        services.AddEngines();
        services.AddSingleton<IEngineShorthand>(new Shorthand(engine.Definition with { Type = "fake" }));
        services.AddSingleton<IEngineFactory>(new Factory(engine));
        return services;
    }

    /// <summary>Lets configuration name <paramref name="engine"/> (<c>Engines:{Capability}:{its name}:Type = fake</c>)
    /// in a whole app, which then chooses it through its real registry like any configured engine.</summary>
    public static IServiceCollection AddFakeEngineType<TClient>(this IServiceCollection services, IEngine<TClient> engine) where TClient : class =>
        services.AddSingleton<IEngineFactory>(new Factory(engine));

    /// <summary>What an expert under test gets: the fake engine as the selected engine of its capability.</summary>
    public static SelectedEngine<TClient> Select<TClient>(TClient? client, bool inProcess = false) where TClient : class =>
        SelectEngine(new FakeEngine<TClient>(client, inProcess));

    /// <summary>What an expert under test gets when <paramref name="engine"/> is the configured engine.</summary>
    public static SelectedEngine<TClient> SelectEngine<TClient>(IEngine<TClient> engine) where TClient : class =>
        new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddTestEngine(engine)
            .BuildServiceProvider()
            .GetRequiredService<SelectedEngine<TClient>>();

    /// <summary>A capability with no engine at all.</summary>
    public static SelectedEngine<TClient> None<TClient>() where TClient : class =>
        new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddEngines().BuildServiceProvider()
            .GetRequiredService<SelectedEngine<TClient>>();

    private sealed class Shorthand(EngineDefinition definition) : IEngineShorthand
    {
        public string Capability => definition.Capability;

        public string NotConfiguredDetail => "no fake engine";

        public (IReadOnlyList<EngineDefinition> Engines, string? Selected) Read(IConfiguration configuration) => ([definition], definition.Name);
    }

    private sealed class Factory(IEngine engine) : IEngineFactory
    {
        public string Capability => engine.Definition.Capability;

        public string Type => "fake";

        public IEngine Create(EngineDefinition definition, IServiceProvider services) => engine;
    }
}
