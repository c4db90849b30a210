using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Setup;

/// <summary>Section <c>Setup</c>: how the settings saved on /admin reach every replica.</summary>
public sealed class SetupOptions
{
    public const string Section = "Setup";

    /// <summary>How often each replica reads the saved settings again (another replica may have saved); 0: only at start.</summary>
    [Range(0, 86400)]
    public int RefreshSeconds { get; set; } = 30;
}
