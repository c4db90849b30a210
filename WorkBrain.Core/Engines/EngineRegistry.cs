using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WorkBrain.Core.Experts;

namespace WorkBrain.Core.Engines;

/// <summary>
/// Every configured engine of every capability, built once by its <see cref="IEngineFactory"/>, and the one rule that
/// chooses the engine a capability uses:
/// <list type="number">
/// <item><c>Engines:Default:{Capability}</c> names it;</item>
/// <item>else the first engine under <c>Engines:{Capability}</c> (by name);</item>
/// <item>else the engine the short keys choose (<c>TextGeneration:Backend</c> with <c>TextGeneration:Endpoint</c>, …).</item>
/// </list>
/// Clients leave through <see cref="EnginePipeline"/>; nothing else chooses an engine.
/// </summary>
public sealed partial class EngineRegistry : IDisposable, IAsyncDisposable
{
    public const string Section = "Engines";
    public const string DefaultKey = "Default";

    private readonly IServiceProvider _services;
    private readonly ILoggerFactory? _loggers;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<IEngine, (object Inner, object Wrapped)> _wrapped = new(ReferenceEqualityComparer.Instance);
    private readonly Lazy<State> _state;

    public EngineRegistry(IServiceProvider services, IConfiguration configuration, IEnumerable<IEngineFactory> factories, IEnumerable<IEngineShorthand> shorthands)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        _services = services;
        _loggers = services.GetService<ILoggerFactory>();
        _logger = (ILogger?)_loggers?.CreateLogger<EngineRegistry>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var factoryList = factories.ToList();
        var shorthandList = shorthands.ToList();
        _state = new Lazy<State>(() => Build(configuration, factoryList, shorthandList));
    }

    /// <summary>Every engine, capability by capability.</summary>
    public IReadOnlyList<IEngine> All => _state.Value.Engines;

    public IEngine? Find(string capability, string name) =>
        _state.Value.Engines.FirstOrDefault(e => e.Definition.Capability == capability && string.Equals(e.Definition.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEngine<TClient>? Find<TClient>(string name) where TClient : class => Find(EngineCapability.Of<TClient>(), name) as IEngine<TClient>;

    /// <summary>The engine <paramref name="capability"/> uses, or null when none is configured.</summary>
    public IEngine? Selected(string capability) => _state.Value.Selected.GetValueOrDefault(capability);

    public IEngine<TClient>? Selected<TClient>() where TClient : class => Selected(EngineCapability.Of<TClient>()) as IEngine<TClient>;

    /// <summary>What to configure when a capability has no engine.</summary>
    public string NotConfiguredDetail(string capability) =>
        _state.Value.NoneDetails.GetValueOrDefault(capability) ?? $"No {capability} engine configured: add one under Engines:{capability}.";

    /// <summary>The engine's client wrapped in the pipeline, loading the model first; null when the engine has none to offer.</summary>
    public async ValueTask<TClient?> GetClientAsync<TClient>(IEngine<TClient> engine, CancellationToken cancellationToken = default) where TClient : class
    {
        ArgumentNullException.ThrowIfNull(engine);
        var inner = await engine.GetClientAsync(cancellationToken).ConfigureAwait(false);
        if (inner is null)
        {
            return null;
        }

        lock (_gate)
        {
            // A local engine hands out a new client after an unload and reload: wrap that one.
            if (_wrapped.TryGetValue(engine, out var known) && ReferenceEquals(known.Inner, inner))
            {
                return (TClient)known.Wrapped;
            }

            var wrapped = EnginePipeline.Wrap(inner, _services, _loggers);
            _wrapped[engine] = (inner, wrapped);
            return wrapped;
        }
    }

    private State Build(IConfiguration configuration, List<IEngineFactory> factories, List<IEngineShorthand> shorthands)
    {
        var engines = new List<IEngine>();
        var selected = new Dictionary<string, IEngine>(StringComparer.Ordinal);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        var root = configuration.GetSection(Section);
        foreach (var capability in EngineCapability.All)
        {
            var named = root.GetSection(capability).GetChildren()
                .Select(s => new EngineDefinition(capability, s.Key, s["Type"] ?? "", s))
                .ToList();
            var definitions = new List<EngineDefinition>(named);
            string? shortChoice = null;
            foreach (var shorthand in shorthands.Where(s => s.Capability == capability))
            {
                var (fromShortKeys, choice) = shorthand.Read(configuration);
                definitions.AddRange(fromShortKeys.Where(d => !definitions.Any(n => string.Equals(n.Name, d.Name, StringComparison.OrdinalIgnoreCase))));
                shortChoice ??= choice;
                none[capability] = shorthand.NotConfiguredDetail;
            }

            var built = definitions.Select(d => Create(d, factories)).ToList();
            engines.AddRange(built);
            var wanted = root.GetSection(DefaultKey)[capability] ?? named.Select(n => n.Name).FirstOrDefault() ?? shortChoice;
            if (wanted is not null)
            {
                if (built.FirstOrDefault(e => string.Equals(e.Definition.Name, wanted, StringComparison.OrdinalIgnoreCase)) is { } engine)
                {
                    selected[capability] = engine;
                }
                else
                {
                    none[capability] = $"Engines:Default:{capability} names \"{wanted}\", which is not configured under Engines:{capability}" +
                                       (built.Count > 0 ? $" (configured: {string.Join(", ", built.Select(e => e.Definition.Name))})." : ".");
                }
            }
        }

        foreach (var engine in engines)
        {
            LogEngine(_logger, engine.Definition.Capability, engine.Definition.Name, engine.Definition.Type,
                selected.GetValueOrDefault(engine.Definition.Capability) == engine);
        }

        return new State(engines, selected, none);
    }

    private IEngine Create(EngineDefinition definition, List<IEngineFactory> factories)
    {
        var factory = factories.LastOrDefault(f => f.Capability == definition.Capability && string.Equals(f.Type, definition.Type, StringComparison.OrdinalIgnoreCase));
        if (factory is null)
        {
            var known = factories.Where(f => f.Capability == definition.Capability).Select(f => f.Type).Distinct().ToList();
            return new MisconfiguredEngine(definition,
                $"Engine {definition.Capability}:{definition.Name} has Type \"{definition.Type}\"; this build knows {(known.Count == 0 ? "none" : string.Join(", ", known))}.");
        }

        try
        {
            return factory.Create(definition, _services);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or UriFormatException or FormatException)
        {
            return new MisconfiguredEngine(definition, ex.Message);
        }
    }

    public void Dispose()
    {
        if (!_state.IsValueCreated)
        {
            return;
        }

        foreach (var engine in _state.Value.Engines)
        {
            (engine as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_state.IsValueCreated)
        {
            return;
        }

        foreach (var engine in _state.Value.Engines)
        {
            if (engine is IAsyncDisposable a)
            {
                await a.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                (engine as IDisposable)?.Dispose();
            }
        }
    }

    private sealed record State(IReadOnlyList<IEngine> Engines, IReadOnlyDictionary<string, IEngine> Selected, IReadOnlyDictionary<string, string> NoneDetails);

    /// <summary>An engine whose definition cannot be built: its status says why.</summary>
    private sealed class MisconfiguredEngine(EngineDefinition definition, string problem) : IEngine
    {
        public EngineDefinition Definition => definition;

        public bool InProcess => false;

        public ExpertStatus GetStatus() => new(EngineCapability.ExpertOf(definition.Capability), ExpertState.Failed, definition.Type, "", problem, definition.Name);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine {Capability}:{Name} of type {Type} (selected: {Selected})")]
    private static partial void LogEngine(ILogger logger, string capability, string name, string type, bool selected);
}
