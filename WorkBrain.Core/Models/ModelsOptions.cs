namespace WorkBrain.Core.Models;

public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>Where weights live. When not set, the WORKBRAIN_MODELS environment variable, else "models".</summary>
    public string? Directory { get; set; }

    /// <summary>The manifest; relative paths are resolved against the content root.</summary>
    public string Manifest { get; set; } = "models/models.json";

    /// <summary>Whether a missing default model may be downloaded on first use.</summary>
    public bool PullOnFirstUse { get; set; }

    public string ResolveDirectory()
    {
        if (!string.IsNullOrWhiteSpace(Directory))
        {
            return Path.GetFullPath(Directory);
        }

        var fromEnv = Environment.GetEnvironmentVariable("WORKBRAIN_MODELS");
        return Path.GetFullPath(string.IsNullOrWhiteSpace(fromEnv) ? "models" : fromEnv);
    }

    /// <summary>The folder of one model's files under the models directory.</summary>
    public string PathOf(ModelEntry entry) => Path.Combine(ResolveDirectory(), entry.Directory);

    public string PathOf(string directory, string file) => Path.Combine(ResolveDirectory(), directory, file);
}
