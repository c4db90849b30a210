using Microsoft.Extensions.Configuration;

namespace WorkBrain.Core.Engines;

/// <summary>For an <see cref="IEngineShorthand"/> whose old keys are not named as the engine type's settings: those
/// settings as a section of their own, at <paramref name="path"/> (the old section, so messages name keys users know).</summary>
public static class ShortKeys
{
    public static IConfigurationSection Section(string path, IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(settings);
        return new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Where(s => s.Value is not null).Select(s => KeyValuePair.Create(path + ":" + s.Key, s.Value)))
            .Build()
            .GetSection(path);
    }
}
