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
}
