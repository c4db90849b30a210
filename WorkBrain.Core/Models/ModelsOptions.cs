namespace WorkBrain.Core.Models;

public sealed class ModelsOptions
{
    public const string Section = "Models";

    /// <summary>Where weights live. When not set, the WORKBRAIN_MODELS environment variable, else the folder of the manifest
    /// (see <see cref="UseDefaultDirectory"/>).</summary>
    public string? Directory { get; set; }

    /// <summary>The manifest; relative paths are resolved against the content root.</summary>
    public string Manifest { get; set; } = "models/models.json";

    /// <summary>Whether a missing default model may be downloaded on first use.</summary>
    public bool PullOnFirstUse { get; set; }

    /// <summary>With neither <see cref="Directory"/> nor WORKBRAIN_MODELS set, weights live beside the manifest: the folder of
    /// models/models.json found from <paramref name="contentRoot"/> upwards (the repository's models/ folder, whether the
    /// app runs from the repository or from WorkBrain.Web), else models/ under the content root. The app, <c>models pull</c>,
    /// /admin and the README then all mean the same folder.</summary>
    public void UseDefaultDirectory(string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(Directory) && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("WORKBRAIN_MODELS")))
        {
            Directory = DefaultDirectory(Manifest, contentRoot);
        }
    }

    /// <summary>The folder of <paramref name="manifest"/> found from <paramref name="contentRoot"/> upwards, else models/ under it.</summary>
    public static string DefaultDirectory(string manifest, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (Path.IsPathRooted(manifest))
        {
            return Path.GetDirectoryName(manifest)!;
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, manifest);
            if (File.Exists(candidate))
            {
                return Path.GetDirectoryName(candidate)!;
            }
        }

        return Path.Combine(contentRoot, "models");
    }

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
