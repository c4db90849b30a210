using System.Globalization;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;
using WorkBrain.Web.Localization;

namespace WorkBrain.Tests;

/// <summary>
/// The README says what a newcomer types and what they will see: the install line works as written on a root Debian
/// machine and installs what CI installs, every command it shows exists, every models folder it names is the one the
/// manifest gives, and the banner it promises is the one the app shows.
/// </summary>
public sealed partial class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, "README.md"));

    [Fact]
    public void InstallLine_UpdatesFirst_NoSudo_SamePackagesAsCi()
    {
        var install = Regex.Match(Readme, @"```bash\n(apt-get[^`]*?)\n(?:#|export|source|```)").Groups[1].Value;
        Assert.StartsWith("apt-get update && apt-get install -y ", install, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(^|\n|&&\s*)sudo\s", Readme);

        var ci = File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, ".ci", "run"));
        var ciInstall = Regex.Match(ci, @"apt-get install -y[^\n]*\\\n([^>]*)>").Groups[1].Value;
        Assert.NotEmpty(Packages(ciInstall));
        Assert.Equal(Packages(ciInstall), Packages(install["apt-get update && apt-get install -y ".Length..]));
    }

    [Fact]
    public void EveryCommandShown_IsACommandOfTheApp()
    {
        using var app = new WorkBrainAppFactory();
        var names = app.Services.GetServices<ICliCommand>().Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var shown = CommandInReadme().Matches(Readme).Select(m => m.Groups[1].Value).Distinct().ToList();

        Assert.Contains("models", shown);
        Assert.Contains("users", shown);
        Assert.All(shown, c => Assert.Contains(c, names));
    }

    [Fact]
    public void EveryModelNamedOrFolderShown_IsTheManifests()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestModels.RepositoryRoot, "models", "models.json")));
        var models = manifest.RootElement.GetProperty("models").EnumerateArray()
            .ToDictionary(m => m.GetProperty("name").GetString()!, m => m.GetProperty("directory").GetString()!);

        var pulled = PullInReadme().Matches(Readme).Select(m => m.Groups[1].Value).Where(n => n != "NAME").Distinct().ToList();
        Assert.Contains("sd-turbo", pulled);
        Assert.All(pulled, n => Assert.True(models.ContainsKey(n), $"the README pulls \"{n}\", which models.json does not have"));

        // A models folder the README names (models/… or <models>/…) is the folder the manifest gives that model.
        var folders = FolderInReadme().Matches(Readme).Select(m => m.Groups[1].Value.TrimEnd('/', '.')).Distinct().ToList();
        Assert.Contains("image-generation/sd-turbo", folders);
        foreach (var folder in folders)
        {
            Assert.True(models.Values.Any(d => d == folder || folder.StartsWith(d + "/", StringComparison.Ordinal)),
                $"the README names the folder \"{folder}\", which is no model's folder in models.json ({string.Join(", ", models.Values)})");
        }
    }

    [Fact]
    public void BannerPromised_IsTheBannerShown_AndNothingIsOutOfTheBoxThatNeedsAPull()
    {
        var resources = new ResourceManager(typeof(Strings));
        string En(string key) => resources.GetString(key, CultureInfo.InvariantCulture)!;

        // "users read that text answers are not set up yet; admins read what is missing (set TextGeneration:Endpoint …)
        // with a link to the setup card on /admin"
        Assert.Contains("users read that text answers are not set up yet", Readme, StringComparison.Ordinal);
        Assert.StartsWith("Text answers are not set up on this server yet", En("Banner.User"), StringComparison.Ordinal);
        Assert.Contains("set `TextGeneration:Endpoint` to a server", Readme, StringComparison.Ordinal);
        Assert.Contains("TextGeneration:Endpoint", En("Banner.AdminHow"), StringComparison.Ordinal);
        Assert.Contains("link to the setup card on `/admin`", Readme, StringComparison.Ordinal);

        Assert.DoesNotContain("out of the box", Readme, StringComparison.OrdinalIgnoreCase);
        var rows = Regex.Matches(Readme, @"^\| (image_understanding|asr) \| ([^|]*) \|", RegexOptions.Multiline);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.StartsWith("–", r.Groups[2].Value, StringComparison.Ordinal));
    }

    private static List<string> Packages(string line) =>
        [.. line.Split([' ', '\\', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith('-')).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"dotnet run (?:-c Release )?--project WorkBrain\.Web -- ([a-z][a-z-]+)")]
    private static partial Regex CommandInReadme();

    [GeneratedRegex(@"models pull ([a-z0-9][\w.-]*[a-z0-9])")]
    private static partial Regex PullInReadme();

    [GeneratedRegex(@"(?:`|\b)(?:<models>|models)/((?:image-generation|embeddings|llm|whisper-base|whisper-ggml|piper|vad|ocr|image-classification)(?:/[\w.-]+)?)")]
    private static partial Regex FolderInReadme();
}
