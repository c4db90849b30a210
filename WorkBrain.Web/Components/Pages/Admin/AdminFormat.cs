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

    public static string Milliseconds(double? ms) => ms switch
    {
        null => "–",
        < 10 => $"{ms:0.00} ms",
        < 100 => $"{ms:0.0} ms",
        _ => $"{ms:0} ms",
    };

    public static string Count(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
