using System.Globalization;

namespace WorkBrain.Core.Tools;

/// <summary>One unit: its category and how to get to and from the category's base unit.</summary>
public sealed record Unit(string Symbol, string Category, double Factor, double Offset = 0)
{
    public double ToBase(double value) => (value + Offset) * Factor;

    public double FromBase(double value) => (value / Factor) - Offset;
}

/// <summary>Converts lengths, masses, temperatures, volumes, areas, speeds, data sizes and durations;
/// knows English and Chinese unit names (公里, 斤, 摄氏度, …). Data sizes use 1024 (KB, MB, GB, TB, KiB…).</summary>
public static class UnitConverter
{
    private static readonly Dictionary<string, Unit> Units = Build();

    public static IReadOnlyCollection<string> Categories { get; } =
        ["length", "mass", "temperature", "volume", "area", "speed", "data", "time"];

    public static bool TryFind(string name, out Unit unit)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = Key(name);
        if (Units.TryGetValue(key, out unit!))
        {
            return true;
        }

        // Plural English names: "meters", "inches", "pounds".
        if (key.Length > 3 && key.EndsWith("es", StringComparison.Ordinal) && Units.TryGetValue(key[..^2], out unit!))
        {
            return true;
        }

        return key.Length > 2 && key.EndsWith('s') && Units.TryGetValue(key[..^1], out unit!);
    }

    public static double Convert(double value, string from, string to)
    {
        if (!TryFind(from, out var source))
        {
            throw new ExpressionException($"Unknown unit '{from}'.");
        }

        if (!TryFind(to, out var target))
        {
            throw new ExpressionException($"Unknown unit '{to}'.");
        }

        if (source.Category != target.Category)
        {
            throw new ExpressionException($"Cannot convert {source.Category} ({from}) to {target.Category} ({to}).");
        }

        if (source.Category == "temperature" && source.ToBase(value) < -1e-9)
        {
            throw new ExpressionException($"{ExpressionParser.Format(value)} {from} is below absolute zero.");
        }

        return target.FromBase(source.ToBase(value));
    }

    /// <summary>"5 km = 3.10686 mi": the text the tool answers with.</summary>
    public static string Describe(double value, string from, string to)
    {
        var result = Convert(value, from, to);
        return string.Create(CultureInfo.InvariantCulture, $"{ExpressionParser.Format(value)} {from.Trim()} = {ExpressionParser.Format(result)} {to.Trim()}");
    }

    private static string Key(string name) => ExpressionText.Normalize(name).Trim().Replace(" ", "", StringComparison.Ordinal)
        .Replace("²", "2", StringComparison.Ordinal).Replace("³", "3", StringComparison.Ordinal)
        .Replace("^", "", StringComparison.Ordinal).ToLowerInvariant();

    private static Dictionary<string, Unit> Build()
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        void Add(string category, double factor, double offset, params string[] names)
        {
            var unit = new Unit(names[0], category, factor, offset);
            foreach (var n in names)
            {
                units[Key(n)] = unit;
            }
        }

        void Linear(string category, double factor, params string[] names) => Add(category, factor, 0, names);

        // Length, base metre.
        Linear("length", 1, "m", "meter", "metre", "米", "公尺");
        Linear("length", 1000, "km", "kilometer", "kilometre", "公里", "千米");
        Linear("length", 0.1, "dm", "decimeter", "分米");
        Linear("length", 0.01, "cm", "centimeter", "centimetre", "厘米", "公分");
        Linear("length", 0.001, "mm", "millimeter", "millimetre", "毫米");
        Linear("length", 1e-6, "um", "μm", "micrometer", "micron", "微米");
        Linear("length", 1e-9, "nm", "nanometer", "纳米");
        Linear("length", 1609.344, "mi", "mile", "英里");
        Linear("length", 0.9144, "yd", "yard", "码");
        Linear("length", 0.3048, "ft", "foot", "feet", "英尺");
        Linear("length", 0.0254, "in", "inch", "英寸");
        Linear("length", 1852, "nmi", "nautical mile", "海里");
        Linear("length", 500, "里");
        Linear("length", 1.0 / 3, "尺", "市尺");
        Linear("length", 1.0 / 30, "寸", "市寸");
        Linear("length", 10.0 / 3, "丈");

        // Mass, base kilogram.
        Linear("mass", 1, "kg", "kilogram", "公斤", "千克");
        Linear("mass", 0.001, "g", "gram", "gramme", "克");
        Linear("mass", 1e-6, "mg", "milligram", "毫克");
        Linear("mass", 1000, "t", "tonne", "metric ton", "吨");
        Linear("mass", 0.45359237, "lb", "lbs", "pound", "磅");
        Linear("mass", 0.028349523125, "oz", "ounce", "盎司");
        Linear("mass", 0.5, "斤", "市斤");
        Linear("mass", 0.05, "两");
        Linear("mass", 6.35029318, "st", "stone", "英石");

        // Temperature, base kelvin: K = (v + offset) * factor.
        Add("temperature", 1, 273.15, "°C", "C", "celsius", "centigrade", "degree celsius", "degrees celsius", "摄氏度", "摄氏", "℃");
        Add("temperature", 5.0 / 9, 459.67, "°F", "F", "fahrenheit", "degree fahrenheit", "degrees fahrenheit", "华氏度", "华氏", "℉");
        Linear("temperature", 1, "K", "kelvin", "开尔文", "开");

        // Volume, base litre.
        Linear("volume", 1, "L", "l", "liter", "litre", "升", "公升");
        Linear("volume", 0.001, "mL", "milliliter", "millilitre", "毫升", "cc");
        Linear("volume", 1000, "m3", "cubic meter", "cubic metre", "立方米", "方");
        Linear("volume", 0.001, "cm3", "cubic centimeter", "立方厘米");
        Linear("volume", 3.785411784, "gal", "gallon", "US gallon", "加仑");
        Linear("volume", 0.946352946, "qt", "quart", "夸脱");
        Linear("volume", 0.473176473, "pt", "pint", "品脱");
        Linear("volume", 0.2365882365, "cup", "杯");
        Linear("volume", 0.0295735295625, "fl oz", "fluid ounce", "液量盎司");

        // Area, base square metre.
        Linear("area", 1, "m2", "square meter", "square metre", "sqm", "平方米", "平米");
        Linear("area", 1e6, "km2", "square kilometer", "square kilometre", "平方公里", "平方千米");
        Linear("area", 1e-4, "cm2", "square centimeter", "平方厘米");
        Linear("area", 1e4, "ha", "hectare", "公顷");
        Linear("area", 4046.8564224, "acre", "英亩");
        Linear("area", 0.09290304, "ft2", "square foot", "square feet", "sq ft", "平方英尺");
        Linear("area", 2589988.110336, "mi2", "square mile", "平方英里");
        Linear("area", 10000.0 / 15, "亩", "市亩");

        // Speed, base metre per second.
        Linear("speed", 1, "m/s", "mps", "meter per second", "meters per second", "米每秒", "米/秒");
        Linear("speed", 1 / 3.6, "km/h", "kmh", "kph", "kilometer per hour", "kilometers per hour", "公里每小时", "千米每小时", "公里/小时", "千米/时", "公里/时");
        Linear("speed", 0.44704, "mph", "mile per hour", "miles per hour", "英里每小时", "英里/小时");
        Linear("speed", 1852 / 3600.0, "kn", "knot", "节");
        Linear("speed", 0.3048, "ft/s", "fps", "feet per second");

        // Data, base byte.
        Linear("data", 0.125, "bit", "比特", "位");
        Linear("data", 1, "B", "byte", "字节");
        Linear("data", 1024, "KB", "KiB", "kilobyte", "千字节");
        Linear("data", 1024.0 * 1024, "MB", "MiB", "megabyte", "兆字节", "兆");
        Linear("data", 1024.0 * 1024 * 1024, "GB", "GiB", "gigabyte", "吉字节");
        Linear("data", 1024.0 * 1024 * 1024 * 1024, "TB", "TiB", "terabyte", "太字节");
        Linear("data", 1024.0 * 1024 * 1024 * 1024 * 1024, "PB", "PiB", "petabyte");

        // Time, base second.
        Linear("time", 0.001, "ms", "millisecond", "毫秒");
        Linear("time", 1, "s", "sec", "second", "秒", "秒钟");
        Linear("time", 60, "min", "minute", "分钟", "分");
        Linear("time", 3600, "h", "hr", "hour", "小时", "钟头", "时");
        Linear("time", 86400, "d", "day", "天", "日");
        Linear("time", 604800, "wk", "week", "周", "星期", "礼拜");
        Linear("time", 31536000, "yr", "year", "年");
        return units;
    }
}
