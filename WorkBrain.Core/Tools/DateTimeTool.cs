using System.Globalization;

namespace WorkBrain.Core.Tools;

/// <summary>The current date and time in a time zone. The clock is a <see cref="TimeProvider"/> so tests can fix it.</summary>
public sealed class DateTimeTool(TimeProvider clock, TimeZoneInfo defaultZone)
{
    public const string Name = "get_current_time";

    public const string Description =
        "Gets the current date, time and weekday. timeZone: an IANA or Windows time zone id, a UTC offset such as UTC+8, or a city (北京, Tokyo, New York); empty for the server's zone.";

    public string GetCurrentTime(string? timeZone = null)
    {
        var zone = defaultZone;
        if (!string.IsNullOrWhiteSpace(timeZone))
        {
            zone = TimeZoneNames.Find(timeZone) ?? throw new ExpressionException(
                $"Unknown time zone '{timeZone}'. Use an IANA id such as Asia/Shanghai, a UTC offset such as UTC+8, or a city name.");
        }

        return Describe(zone);
    }

    internal string Describe(TimeZoneInfo zone)
    {
        var utc = clock.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(utc, zone);
        var offset = local.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return string.Create(CultureInfo.InvariantCulture,
            $"{local:yyyy-MM-dd HH:mm:ss} {local.DayOfWeek} ({zone.Id}, UTC{sign}{offset:hh\\:mm})");
    }
}
