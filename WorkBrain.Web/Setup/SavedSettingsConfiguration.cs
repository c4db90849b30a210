namespace WorkBrain.Web.Setup;

/// <summary>The settings saved from the setup card, as a configuration source layered over appsettings.json, the
/// environment and the command line (which stay the bootstrap). <see cref="EngineSettingsStore"/> fills it from the
/// database; each <see cref="Replace"/> raises the configuration's reload token, so the engine registry rebuilds the
/// engines that changed without a restart.</summary>
public sealed class SavedSettingsConfiguration : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Swaps every saved key at once and signals the change; nothing happens when nothing changed.</summary>
    public void Replace(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == Data.Count && values.All(v => Data.TryGetValue(v.Key, out var old) && old == v.Value))
        {
            return;
        }

        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        OnReload();
    }
}
