using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
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
    private readonly Lock _build = new();
    private readonly IConfiguration _configuration;
    private readonly List<IEngineFactory> _factories;
    private readonly List<IEngineShorthand> _shorthands;
    private readonly IDisposable _reload;
    private State? _current;

    public EngineRegistry(IServiceProvider services, IConfiguration configuration, IEnumerable<IEngineFactory> factories, IEnumerable<IEngineShorthand> shorthands)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        _services = services;
        _loggers = services.GetService<ILoggerFactory>();
        _logger = (ILogger?)_loggers?.CreateLogger<EngineRegistry>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _configuration = configuration;
        _factories = factories.ToList();
        _shorthands = shorthands.ToList();

        // Settings saved on /admin (or an edited appsettings.json) apply without a restart.
        _reload = ChangeToken.OnChange(configuration.GetReloadToken, Reload);
    }

    private State Current
    {
        get
        {
            if (Volatile.Read(ref _current) is { } state)
            {
                return state;
            }

            lock (_build)
            {
                return _current ??= Build(null);
            }
        }
    }

    /// <summary>Every engine, capability by capability.</summary>
    public IReadOnlyList<IEngine> All => Current.Engines;

    public IEngine? Find(string capability, string name) =>
        Current.Engines.FirstOrDefault(e => e.Definition.Capability == capability && string.Equals(e.Definition.Name, name, StringComparison.OrdinalIgnoreCase));

    public IEngine<TClient>? Find<TClient>(string name) where TClient : class => Find(EngineCapability.Of<TClient>(), name) as IEngine<TClient>;

    /// <summary>The engine <paramref name="capability"/> uses, or null when none is configured.</summary>
    public IEngine? Selected(string capability) => Current.Selected.GetValueOrDefault(capability);

    public IEngine<TClient>? Selected<TClient>() where TClient : class => Selected(EngineCapability.Of<TClient>()) as IEngine<TClient>;

    /// <summary>What to configure when a capability has no engine.</summary>
    public string NotConfiguredDetail(string capability) =>
        Current.NoneDetails.GetValueOrDefault(capability) ?? $"No {capability} engine configured: add one under Engines:{capability}.";

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

    /// <summary>Builds the engines again after a configuration change: an engine whose definition did not change is kept
    /// (with its loaded model and running requests); the others are retired once their running requests end.</summary>
    private void Reload()
    {
        List<IEngine> retired;
        lock (_build)
        {
            if (_current is not { } old)
            {
                return;
            }

            var next = Build(old);
            _current = next;
            retired = old.Engines.Where(e => !next.Engines.Contains(e, ReferenceEqualityComparer.Instance)).ToList();
        }

        lock (_gate)
        {
            foreach (var engine in retired)
            {
                _wrapped.Remove(engine);
            }
        }

        foreach (var engine in retired)
        {
            _ = RetireAsync(engine);
        }
    }

    private async Task RetireAsync(IEngine engine)
    {
        try
        {
            if (engine is ILocalEngine local)
            {
                await local.UnloadAsync().ConfigureAwait(false);
            }

            if (engine is IAsyncDisposable a)
            {
                await a.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                (engine as IDisposable)?.Dispose();
            }
        }
        catch (Exception ex)
        {
            LogRetireFailed(_logger, engine.Definition.Capability, engine.Definition.Name, ex.Message);
        }
    }

    /// <summary>The engine's type and every setting under its section: equal fingerprints build equal engines.</summary>
    private static string Fingerprint(EngineDefinition d) =>
        d.Type + "\n" + string.Join("\n", d.Settings.AsEnumerable(makePathsRelative: true).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key}={p.Value}"));

    private State Build(State? previous)
    {
        var configuration = _configuration;
        var factories = _factories;
        var shorthands = _shorthands;
        var engines = new List<IEngine>();
        var selected = new Dictionary<string, IEngine>(StringComparer.Ordinal);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        var fingerprints = new Dictionary<IEngine, string>(ReferenceEqualityComparer.Instance);
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

            var built = definitions.Select(d =>
            {
                var fingerprint = Fingerprint(d);
                var kept = previous?.Engines.FirstOrDefault(e => e.Definition.Capability == capability
                    && string.Equals(e.Definition.Name, d.Name, StringComparison.OrdinalIgnoreCase)
                    && previous.Fingerprints.GetValueOrDefault(e) == fingerprint);
                var engine = kept ?? Create(d, factories);
                fingerprints[engine] = fingerprint;
                return engine;
            }).ToList();
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

        return new State(engines, selected, none, fingerprints);
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
        _reload.Dispose();
        if (Volatile.Read(ref _current) is not { } state)
        {
            return;
        }

        foreach (var engine in state.Engines)
        {
            (engine as IDisposable)?.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reload.Dispose();
        if (Volatile.Read(ref _current) is not { } state)
        {
            return;
        }

        foreach (var engine in state.Engines)
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

    private sealed record State(IReadOnlyList<IEngine> Engines, IReadOnlyDictionary<string, IEngine> Selected, IReadOnlyDictionary<string, string> NoneDetails,
        IReadOnlyDictionary<IEngine, string> Fingerprints);

    /// <summary>An engine whose definition cannot be built: its status says why.</summary>
    private sealed class MisconfiguredEngine(EngineDefinition definition, string problem) : IEngine
    {
        public EngineDefinition Definition => definition;

        public bool InProcess => false;

        public ExpertStatus GetStatus() => new(EngineCapability.ExpertOf(definition.Capability), ExpertState.Failed, definition.Type, "", problem, definition.Name);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Engine {Capability}:{Name}, replaced by a configuration change, did not shut down cleanly: {Reason}")]
    private static partial void LogRetireFailed(ILogger logger, string capability, string name, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Engine {Capability}:{Name} of type {Type} (selected: {Selected})")]
    private static partial void LogEngine(ILogger logger, string capability, string name, string type, bool selected);
}
