using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Engines;
using WorkBrain.Web.Data;

namespace WorkBrain.Web.Setup;

/// <summary>The engines chosen on the setup card, kept in the database as <c>Engines:{Capability}:setup:*</c> and
/// <c>Engines:Default:{Capability}</c> and published through <see cref="SavedSettingsConfiguration"/>, where the engine
/// registry reads them like any other configuration. API keys are stored protected and never handed back in full.</summary>
public sealed partial class EngineSettingsStore(
    WorkBrainDbContextFactory databases,
    SavedSettingsConfiguration configuration,
    IDataProtectionProvider protection,
    ILogger<EngineSettingsStore> logger)
{
    /// <summary>The engine name the card's choices get under <c>Engines:{Capability}</c>.</summary>
    public const string EngineName = "setup";

    private const string KeyField = "ApiKey";
    private readonly IDataProtector _protector = protection.CreateProtector("WorkBrain.Setup.EngineSettings.v1");
    private readonly SemaphoreSlim _writes = new(1, 1);
    private volatile Snapshot _snapshot = new(new Dictionary<string, SavedEngine>(), new Dictionary<string, string>());

    /// <summary>What is saved, by capability.</summary>
    public IReadOnlyDictionary<string, SavedEngine> Saved => _snapshot.Engines;

    /// <summary>The saved key for <paramref name="endpoint"/>, for the card's "test" button when the admin leaves the key empty.</summary>
    public string? KeyFor(string endpoint) => _snapshot.KeysByEndpoint.GetValueOrDefault(Normalise(endpoint));

    /// <summary>Reads the saved settings and publishes them (the registry rebuilds what changed).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await context.EngineSettings.AsNoTracking().ToListAsync(cancellationToken);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var unreadable = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in rows)
        {
            if (!row.IsProtected)
            {
                values[row.Key] = row.Value;
                continue;
            }

            try
            {
                values[row.Key] = _protector.Unprotect(row.Value);
            }
            catch (CryptographicException ex)
            {
                unreadable.Add(row.Key);
                LogUnreadable(logger, row.Key, ex.Message);
            }
        }

        _snapshot = Read(values, unreadable);
        configuration.Replace(values);
    }

    /// <summary>Saves one choice per capability (null: forget what was saved, back to appsettings.json) and applies them.</summary>
    /// <exception cref="ArgumentException">A choice is incomplete (no endpoint, model or path) or names an unknown capability.</exception>
    public async Task SaveAsync(IReadOnlyDictionary<string, EngineChoice?> choices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(choices);
        foreach (var (capability, choice) in choices)
        {
            Validate(capability, choice);
        }

        await _writes.WaitAsync(cancellationToken);
        try
        {
            await using var context = await databases.CreateDbContextAsync(cancellationToken);
            var now = DateTimeOffset.UtcNow;
            foreach (var (capability, choice) in choices)
            {
                var prefix = $"{EngineRegistry.Section}:{capability}:{EngineName}:";
                var defaultKey = DefaultKeyOf(capability);
                var old = await context.EngineSettings.Where(s => s.Key.StartsWith(prefix) || s.Key == defaultKey).ToListAsync(cancellationToken);
                var keptKey = choice is { ApiKey: null, Endpoint: { } endpoint } && Saved.GetValueOrDefault(capability) is { } saved
                    && Normalise(saved.Endpoint ?? "") == Normalise(endpoint)
                    ? old.FirstOrDefault(s => s.Key == prefix + KeyField)
                    : null;
                context.EngineSettings.RemoveRange(old.Where(s => s != keptKey));
                if (choice is null)
                {
                    continue;
                }

                void Add(string field, string? value, bool secret = false)
                {
                    if (!string.IsNullOrWhiteSpace(value))
                    {
                        context.EngineSettings.Add(new EngineSettingEntity
                        {
                            Key = prefix + field, Value = secret ? _protector.Protect(value.Trim()) : value.Trim(), IsProtected = secret, UpdatedAt = now,
                        });
                    }
                }

                Add("Type", choice.Type);
                Add("Endpoint", choice.Endpoint);
                Add("Model", choice.Model);
                Add("Path", choice.Path);
                if (keptKey is null)
                {
                    Add(KeyField, choice.ApiKey, secret: true);
                }

                context.EngineSettings.Add(new EngineSettingEntity { Key = defaultKey, Value = EngineName, UpdatedAt = now });
            }

            await context.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            _writes.Release();
        }

        await LoadAsync(cancellationToken);
    }

    private static string DefaultKeyOf(string capability) => $"{EngineRegistry.Section}:{EngineRegistry.DefaultKey}:{capability}";

    private static void Validate(string capability, EngineChoice? choice)
    {
        if (!EngineCapability.All.Contains(capability))
        {
            throw new ArgumentException($"Unknown capability \"{capability}\".", nameof(choice));
        }

        if (choice is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(choice.Type))
        {
            throw new ArgumentException("An engine needs a type.", nameof(choice));
        }

        if (choice.Endpoint is not null && (!Uri.TryCreate(choice.Endpoint.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"\"{choice.Endpoint}\" is not an http(s) address.", nameof(choice));
        }

        if (string.IsNullOrWhiteSpace(choice.Endpoint) && string.IsNullOrWhiteSpace(choice.Path))
        {
            throw new ArgumentException("An engine needs a server address or a model file.", nameof(choice));
        }
    }

    private static Snapshot Read(Dictionary<string, string?> values, HashSet<string> unreadable)
    {
        var engines = new Dictionary<string, SavedEngine>(StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var capability in EngineCapability.All)
        {
            var prefix = $"{EngineRegistry.Section}:{capability}:{EngineName}:";
            string? Get(string field) => values.GetValueOrDefault(prefix + field);
            if (Get("Type") is not { } type)
            {
                continue;
            }

            var key = Get(KeyField);
            engines[capability] = new SavedEngine(capability, type, Get("Endpoint"), Get("Model"), Get("Path"),
                key is null ? null : Mask(key), unreadable.Contains(prefix + KeyField));
            if (key is not null && Get("Endpoint") is { } endpoint)
            {
                keys[Normalise(endpoint)] = key;
            }
        }

        return new Snapshot(engines, keys);
    }

    /// <summary>"••••" and the key's last four characters (none of a key shorter than twelve).</summary>
    public static string Mask(string key) => key.Length >= 12 ? "••••" + key[^4..] : "••••";

    private static string Normalise(string endpoint) => endpoint.Trim().TrimEnd('/').ToLowerInvariant();

    private sealed record Snapshot(IReadOnlyDictionary<string, SavedEngine> Engines, IReadOnlyDictionary<string, string> KeysByEndpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The saved setting {Key} cannot be decrypted ({Reason}): the Data Protection keys it was saved with are gone; enter it again on /admin")]
    private static partial void LogUnreadable(ILogger logger, string key, string reason);
}
