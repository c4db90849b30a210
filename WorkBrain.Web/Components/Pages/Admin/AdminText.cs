using System.Globalization;
using Microsoft.Extensions.Localization;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Models;
using WorkBrain.Web.Localization;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>How the dashboard names states, in the admin's language.</summary>
internal static class AdminText
{
    public static string State(IStringLocalizer<Strings> l, ExpertStatus s) => s.State switch
    {
        ExpertState.NotConfigured => l["State.NotConfigured"],
        ExpertState.NotDownloaded => l["State.NotDownloaded"],
        ExpertState.Downloading => s.Progress is { } p ? l["State.DownloadingPercent", p.ToString("P0", CultureInfo.CurrentCulture)] : l["State.Downloading"],
        ExpertState.Loading => l["State.Loading"],
        ExpertState.Ready => l["State.Ready"],
        ExpertState.Failed => l["State.Failed"],
        _ => s.State.ToString(),
    };

    public static string ModelState(IStringLocalizer<Strings> l, ModelRow row)
    {
        var a = row.Availability;
        return a.State switch
        {
            ModelAvailabilityState.NotDownloaded => l["State.NotDownloaded"],
            ModelAvailabilityState.Downloading => a.Percent is { } p
                ? l["State.DownloadingPercent", p.ToString("0", CultureInfo.CurrentCulture) + "%"]
                : l["State.DownloadingPercent", AdminFormat.Bytes(a.BytesDone)],
            ModelAvailabilityState.Failed => l["State.Failed"],
            _ => row.Local switch
            {
                { State: ExpertState.Loading } => l["State.Loading"],
                { State: ExpertState.Failed } => l["State.Failed"],
                not null when row.Loaded => l["State.ReadyLoaded"],
                not null => l["State.ReadyNotLoaded"],
                _ => l["State.Ready"],
            },
        };
    }
}
