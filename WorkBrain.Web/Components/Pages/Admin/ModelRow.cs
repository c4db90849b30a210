using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>
/// One line of the models table: a manifest entry and where it stands here; <paramref name="Local"/> is the local text
/// model's status when this entry is that model (it can then be loaded and unloaded), with <paramref name="Loaded"/> telling whether it is in memory.
/// </summary>
public sealed record ModelRow(ModelAvailability Availability, string Licence, ExpertStatus? Local = null, bool Loaded = false)
{
    public string Name => Availability.Name;

    public bool IsLocalTextModel => Local is not null;
}
