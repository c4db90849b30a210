using MudBlazor;

namespace WorkBrain.Web.Components.Layout;

/// <summary>The app's palette and type: a calm indigo, readable Chinese and Latin fonts.</summary>
internal static class WorkBrainTheme
{
    internal static readonly string[] Fonts =
    [
        "Inter", "-apple-system", "BlinkMacSystemFont", "Segoe UI", "Roboto", "PingFang SC", "Hiragino Sans GB",
        "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "Helvetica Neue", "Arial", "sans-serif",
    ];

    public static MudTheme Value { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4f46e5",
            AppbarBackground = "#ffffff",
            AppbarText = "#1f2937",
            Background = "#ffffff",
            DrawerBackground = "#f7f7f9",
            TextPrimary = "#1f2937",
            TextSecondary = "#6b7280",
            LinesDefault = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#818cf8",
            AppbarBackground = "#18181b",
            AppbarText = "#e4e4e7",
            Background = "#111113",
            Surface = "#1c1c1f",
            DrawerBackground = "#18181b",
            TextPrimary = "#e4e4e7",
            TextSecondary = "#a1a1aa",
            LinesDefault = "#2e2e33",
            BackgroundGray = "#232327",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            Button = new ButtonTypography { FontFamily = Fonts, TextTransform = "none", FontWeight = "500" },
        },
    };
}
