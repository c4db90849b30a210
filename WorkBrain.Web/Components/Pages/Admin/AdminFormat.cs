using System.Globalization;

namespace WorkBrain.Web.Components.Pages.Admin;

/// <summary>How the dashboard writes sizes and counts.</summary>
internal static class AdminFormat
{
    public static string Bytes(long? bytes) => bytes switch
    {
        null or <= 0 => "–",
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KiB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GiB"),
    };

    public static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
