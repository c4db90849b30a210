using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using WorkBrain.Core.Experts;

namespace WorkBrain.Web.Localization;

/// <summary>An expert's name in the user's language; experts added by configuration keep their own name.</summary>
public static class ExpertNames
{
    private static readonly ExpertCatalog BuiltIn = new();

    /// <summary>The host's experts, built-in and added (the built-in eight where a component is rendered without a host).</summary>
    public static ExpertCatalog Experts(this IServiceProvider services) => services.GetService<ExpertCatalog>() ?? BuiltIn;

    /// <summary>An expert's name in the user's language, else the name its description gives.</summary>
    public static string Name(this IStringLocalizer<Strings> l, string expert, ExpertCatalog experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        return l.Name(expert, experts.Find(expert)?.DisplayName);
    }

    /// <param name="described">The expert's own display name (its <see cref="ExpertDescriptor"/>), used when the localizer has none.</param>
    public static string Name(this IStringLocalizer<Strings> l, string expert, string? described = null)
    {
        var name = l["Expert." + expert];
        return !name.ResourceNotFound ? name.Value : described ?? ExpertIds.DisplayName(expert);
    }

    public static string Icon(string expert) => expert switch
    {
        ExpertIds.TextGeneration => MudBlazor.Icons.Material.Outlined.Notes,
        ExpertIds.ImageGeneration => MudBlazor.Icons.Material.Outlined.Palette,
        ExpertIds.ImageUnderstanding => MudBlazor.Icons.Material.Outlined.ImageSearch,
        ExpertIds.VideoUnderstanding => MudBlazor.Icons.Material.Outlined.Movie,
        ExpertIds.Asr => MudBlazor.Icons.Material.Outlined.Mic,
        ExpertIds.Tts => MudBlazor.Icons.Material.Outlined.RecordVoiceOver,
        ExpertIds.DocumentQa => MudBlazor.Icons.Material.Outlined.MenuBook,
        ExpertIds.ExternalServices => MudBlazor.Icons.Material.Outlined.Build,
        _ => MudBlazor.Icons.Material.Outlined.Extension,
    };
}
