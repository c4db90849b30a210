using System.Globalization;
using WorkBrain.Web.Localization;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>How the dashboard writes sizes and counts, in the admin's culture.</summary>
internal static class AdminFormat
{
    public static string Bytes(long? bytes) => Formats.Bytes(bytes);

    public static string Milliseconds(double? ms) => ms switch
    {
        null => "–",
        < 10 => string.Format(CultureInfo.CurrentCulture, "{0:0.00} ms", ms),
        < 100 => string.Format(CultureInfo.CurrentCulture, "{0:0.0} ms", ms),
        _ => string.Format(CultureInfo.CurrentCulture, "{0:N0} ms", ms),
    };

    public static string Count(int? value) => value?.ToString("N0", CultureInfo.CurrentCulture) ?? "–";
}
