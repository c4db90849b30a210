using WorkBrain.Core.Engines;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>
/// One line of the models table: a manifest entry and where it stands here; <paramref name="Engine"/> is the local engine
/// that loads this model (it can then be loaded and unloaded), <paramref name="Local"/> its status and <paramref name="Loaded"/>
/// whether it is in memory.
/// </summary>
public sealed record ModelRow(ModelAvailability Availability, string Licence, ExpertStatus? Local = null, bool Loaded = false, ILocalEngine? Engine = null)
{
    public string Name => Availability.Name;

    public bool IsLocalEngine => Local is not null && Engine is not null;

    public static ModelRow For(ModelAvailability availability, string licence, ILocalEngine? engine) =>
        engine is null ? new(availability, licence) : new(availability, licence, engine.GetStatus(), engine.IsLoaded, engine);

    /// <summary>The manifest's models, each with the local engine (of any capability) that loads it (an engine that loads
    /// several, such as Piper's voices, is on each of their rows); an engine's model
    /// from a folder or file outside the manifest gets a row of its own.</summary>
    public static List<ModelRow> ForAll(ModelCatalog catalog, IEnumerable<ILocalEngine> engines)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var locals = engines.Select(e => (Engine: e, Status: e.GetStatus())).ToList();
        ILocalEngine? EngineOf(string name) =>
            locals.FirstOrDefault(l => l.Engine.ModelNames.Contains(name, StringComparer.OrdinalIgnoreCase)).Engine
            ?? locals.FirstOrDefault(l => string.Equals(l.Status.Model, name, StringComparison.OrdinalIgnoreCase)).Engine;
        var rows = catalog.GetAll().Select(a => For(a, catalog.Find(a.Name)?.Licence ?? "", EngineOf(a.Name))).ToList();
        // An engine that names the model as its own comes before one that only reports it (Piper speaking with espeak-ng).
        foreach (var (engine, status) in locals.OrderBy(l => l.Engine.ModelNames.Contains(l.Status.Model ?? "", StringComparer.OrdinalIgnoreCase) ? 0 : 1))
        {
            if (status is { Model: { } name, State: not ExpertState.NotConfigured } && !rows.Any(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                var state = status.State is ExpertState.Ready or ExpertState.Loading or ExpertState.Failed ? ModelAvailabilityState.Ready : ModelAvailabilityState.NotDownloaded;
                rows.Add(For(new ModelAvailability(name, status.ExpertId, state, 0, 0, null, status.Detail), "", engine));
            }
        }

        return rows;
    }
}
