using System.Globalization;

namespace WorkBrain.Web.Localization;

/// <summary>The languages the UI speaks. zh-CN, zh-SG and plain zh fall back to zh-Hans.</summary>
public static class UiCultures
{
    public const string English = "en";

    public const string Chinese = "zh-Hans";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    public static bool IsChinese(CultureInfo culture) =>
        culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The supported culture a name stands for, or null when it is none of ours.</summary>
    public static string? Normalize(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "en" or "en-us" or "en-gb" => English,
        "zh" or "zh-hans" or "zh-cn" or "zh-sg" => Chinese,
        _ => null,
    };
}
