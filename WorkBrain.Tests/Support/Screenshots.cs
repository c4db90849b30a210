using Microsoft.Playwright;

namespace WorkBrain.Tests.Support;

/// <summary>Page screenshots for a person to look at: in WORKBRAIN_SCREENSHOTS when it names a folder.</summary>
public static class Screenshots
{
    /// <summary>Where the visual suite always writes its screenshots: WORKBRAIN_SCREENSHOTS, else TestResults/screenshots.</summary>
    public static string Folder =>
        Environment.GetEnvironmentVariable("WORKBRAIN_SCREENSHOTS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(TestModels.RepositoryRoot, "TestResults", "screenshots");

    public static async Task TakeAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("WORKBRAIN_SCREENSHOTS");
        if (string.IsNullOrWhiteSpace(dir))
        {
            return;
        }

        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    /// <summary>The visible viewport, always saved (the visual suite's output).</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
    }
}
