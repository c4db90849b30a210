using System.Globalization;

namespace WorkBrain.Web.Localization;

/// <summary>Dates, sizes and durations written the way the user's culture writes them.</summary>
public static class Formats
{
    /// <summary>Date and time in <paramref name="zone"/> (the reader's, <see cref="BrowserTimeZone"/>), never the server's.</summary>
    public static string DateTime(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("g", CultureInfo.CurrentCulture);

    public static string Time(DateTimeOffset value, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(value, zone).ToString("T", CultureInfo.CurrentCulture);

    public static string Bytes(long? bytes) => bytes switch
    {
        null or <= 0 => "–",
        < 1L << 20 => string.Format(CultureInfo.CurrentCulture, "{0:N0} KiB", bytes / 1024.0),
        < 1L << 30 => string.Format(CultureInfo.CurrentCulture, "{0:N1} MiB", bytes / 1048576.0),
        _ => string.Format(CultureInfo.CurrentCulture, "{0:N2} GiB", bytes / 1073741824.0),
    };

    public static string Number(double? value, string format = "N1") =>
        value is { } v ? v.ToString(format, CultureInfo.CurrentCulture) : "–";

    public static string Percent(double fraction) => fraction.ToString("P0", CultureInfo.CurrentCulture);
}
