using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace WorkBrain.Core.Engines;

/// <summary>One configured engine: <c>Engines:{Capability}:{Name}</c> with its <c>Type</c> and the type's settings,
/// or an engine the short keys (<c>TextGeneration:Endpoint</c>, …) describe.</summary>
/// <param name="Capability">One of <see cref="EngineCapability"/>.</param>
/// <param name="Name">Unique within the capability; the key of the keyed service.</param>
/// <param name="Type">Which <see cref="IEngineFactory"/> builds it: "onnx", "openai", "llamasharp", …</param>
/// <param name="Settings">The section the engine's settings are bound from.</param>
public sealed record EngineDefinition(string Capability, string Name, string Type, IConfigurationSection Settings)
{
    /// <summary>The settings as <typeparamref name="T"/> (defaults where a key is absent), validated by their data annotations.</summary>
    public T Bind<T>() where T : class, new()
    {
        var value = Settings.Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true))
        {
            throw new InvalidOperationException(
                $"Engine {Capability}:{Name} ({Settings.Path}) is misconfigured: {string.Join(" ", results.Select(r => r.ErrorMessage))}");
        }

        return value;
    }
}
