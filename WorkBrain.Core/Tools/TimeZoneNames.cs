using System.Globalization;
using System.Text.RegularExpressions;

namespace WorkBrain.Core.Tools;

/// <summary>Finds a time zone from an IANA id (Asia/Tokyo), a Windows id (Tokyo Standard Time), a UTC offset
/// (UTC+8, GMT-5) or a place name in English or Chinese (北京, 东京, New York).</summary>
public static partial class TimeZoneNames
{
    private static readonly (string[] Names, string Zone)[] Places =
    [
        (["北京", "上海", "中国", "广州", "深圳", "杭州", "南京", "成都", "重庆", "武汉", "西安", "天津", "苏州", "China", "Beijing", "Shanghai", "Guangzhou", "Shenzhen", "Hangzhou", "Chengdu"], "Asia/Shanghai"),
        (["香港", "Hong Kong"], "Asia/Hong_Kong"),
        (["台北", "台湾", "Taipei", "Taiwan"], "Asia/Taipei"),
        (["澳门", "Macau", "Macao"], "Asia/Macau"),
        (["东京", "大阪", "日本", "Tokyo", "Osaka", "Japan"], "Asia/Tokyo"),
        (["首尔", "韩国", "Seoul", "Korea"], "Asia/Seoul"),
        (["新加坡", "Singapore"], "Asia/Singapore"),
        (["曼谷", "泰国", "Bangkok", "Thailand"], "Asia/Bangkok"),
        (["迪拜", "Dubai"], "Asia/Dubai"),
        (["新德里", "孟买", "印度", "New Delhi", "Delhi", "Mumbai", "India"], "Asia/Kolkata"),
        (["莫斯科", "俄罗斯", "Moscow"], "Europe/Moscow"),
        (["伦敦", "英国", "London", "UK", "Britain"], "Europe/London"),
        (["巴黎", "法国", "Paris", "France"], "Europe/Paris"),
        (["柏林", "德国", "Berlin", "Germany"], "Europe/Berlin"),
        (["罗马", "意大利", "Rome", "Italy"], "Europe/Rome"),
        (["马德里", "西班牙", "Madrid", "Spain"], "Europe/Madrid"),
        (["阿姆斯特丹", "Amsterdam"], "Europe/Amsterdam"),
        (["纽约", "华盛顿", "波士顿", "New York", "Washington", "Boston", "NYC"], "America/New_York"),
        (["芝加哥", "Chicago"], "America/Chicago"),
        (["丹佛", "Denver"], "America/Denver"),
        (["洛杉矶", "旧金山", "西雅图", "硅谷", "Los Angeles", "San Francisco", "Seattle", "Silicon Valley", "LA"], "America/Los_Angeles"),
        (["多伦多", "Toronto"], "America/Toronto"),
        (["温哥华", "Vancouver"], "America/Vancouver"),
        (["圣保罗", "巴西", "Sao Paulo", "São Paulo", "Brazil"], "America/Sao_Paulo"),
        (["墨西哥城", "Mexico City"], "America/Mexico_City"),
        (["悉尼", "Sydney"], "Australia/Sydney"),
        (["墨尔本", "Melbourne"], "Australia/Melbourne"),
        (["奥克兰", "新西兰", "Auckland", "New Zealand"], "Pacific/Auckland"),
        (["开罗", "埃及", "Cairo", "Egypt"], "Africa/Cairo"),
        (["约翰内斯堡", "南非", "Johannesburg"], "Africa/Johannesburg"),
        (["协调世界时", "格林尼治", "UTC", "GMT", "Greenwich"], "UTC"),
    ];

    /// <summary>The zone named by <paramref name="name"/>, or null when nothing matches.</summary>
    public static TimeZoneInfo? Find(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim();
        var offset = OffsetPattern().Match(trimmed);
        if (offset.Success && offset.Length == trimmed.Length)
        {
            return FromOffset(offset);
        }

        foreach (var (names, zone) in Places)
        {
            if (names.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)))
            {
                return ById(zone);
            }
        }

        return ById(trimmed);
    }

    /// <summary>The first zone mentioned anywhere in free text ("东京现在几点", "time in New York"), or null.</summary>
    public static TimeZoneInfo? FindIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var iana = IanaPattern().Match(text);
        if (iana.Success && ById(iana.Value) is { } byId)
        {
            return byId;
        }

        var offset = OffsetPattern().Match(text);
        if (offset.Success)
        {
            return FromOffset(offset);
        }

        var best = (Index: int.MaxValue, Zone: (string?)null);
        foreach (var (names, zone) in Places)
        {
            foreach (var n in names)
            {
                var i = IndexOfPlace(text, n);
                if (i >= 0 && i < best.Index)
                {
                    best = (i, zone);
                }
            }
        }

        return best.Zone is null ? null : ById(best.Zone);
    }

    private static int IndexOfPlace(string text, string name)
    {
        var i = text.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (i < 0 || !char.IsAsciiLetter(name[0]))
        {
            return i;
        }

        // English names must be whole words ("LA" is not in "later").
        var before = i == 0 || !char.IsAsciiLetter(text[i - 1]);
        var end = i + name.Length;
        var after = end >= text.Length || !char.IsAsciiLetter(text[end]);
        return before && after && (name.Length > 2 || text.Substring(i, name.Length) == name) ? i : -1;
    }

    private static TimeZoneInfo? ById(string id)
    {
        if (string.Equals(id, "UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var iana) && iana != id ? ById(iana) : null;
        }
    }

    private static TimeZoneInfo FromOffset(Match m)
    {
        var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var span = new TimeSpan(hours, minutes, 0);
        if (m.Groups["sign"].Value is "-" or "−")
        {
            span = -span;
        }

        if (span == TimeSpan.Zero)
        {
            return TimeZoneInfo.Utc;
        }

        var label = string.Create(CultureInfo.InvariantCulture, $"UTC{(span < TimeSpan.Zero ? "-" : "+")}{span:hh\\:mm}");
        return TimeZoneInfo.CreateCustomTimeZone(label, span, label, label);
    }

    [GeneratedRegex(@"(?:UTC|GMT)\s*(?<sign>[+\-−])\s*(?<h>1[0-4]|0?\d)(?::?(?<m>[0-5]\d))?", RegexOptions.IgnoreCase)]
    private static partial Regex OffsetPattern();

    [GeneratedRegex(@"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc)/[A-Za-z_\-]+(?:/[A-Za-z_\-]+)?")]
    private static partial Regex IanaPattern();
}
