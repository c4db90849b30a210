using Microsoft.Playwright;

namespace WorkBrain.Tests.Support;

/// <summary>Saves a page screenshot when WORKBRAIN_SCREENSHOTS names a folder, to look at what a test saw.</summary>
public static class Screenshots
{
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
}
