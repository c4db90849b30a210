using WorkBrain.Core.Experts;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Components.Admin;

namespace WorkBrain.Tests.Web.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminDashboardBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private SlowFileServer _slow = default!;
    private UnreachableManifest _models = default!;
    private ChatApp _chat = default!;

    public async Task InitializeAsync()
    {
        // 4 MiB in 128 KiB steps every 150 ms: about five seconds of visible progress
        _slow = new SlowFileServer(size: 4 << 20, chunk: 128 << 10, pause: TimeSpan.FromMilliseconds(150));
        _models = new UnreachableManifest(_slow.Url("slow.onnx"), _slow.Size);
        _chat = await ChatApp.StartAsync(Enumerable.Range(0, 15).Select(i => $"w{i} ").ToArray(), TimeSpan.FromMilliseconds(100), new Dictionary<string, string?>
        {
            ["Models:Manifest"] = _models.ManifestPath,
            ["Models:Directory"] = _models.Root,
        });
    }

    public async Task DisposeAsync()
    {
        await _chat.DisposeAsync();
        _slow.Dispose();
        _models.Dispose();
    }

    [Fact]
    public async Task Dashboard_WatchesInFlightAndRequestsChangeWhileAChatRequestRuns()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(_chat.BaseUrl + "/admin?view=table");
        var row = admin.Locator($"[data-testid=expert-row][data-expert={ExpertIds.TextGeneration}]");
        await row.WaitForAsync();
        Assert.Equal("ready", (await row.Locator("[data-testid=state]").InnerTextAsync()).Trim());
        Assert.Equal("0", (await row.Locator("[data-testid=requests]").InnerTextAsync()).Trim());
        await admin.Locator("html[data-interactive]").WaitForAsync(); // the interactive circuit took over the prerendered page

        var chat = await context.NewPageAsync();
        await chat.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(chat);
        await chat.Locator("[data-testid=chat-input]").FillAsync("Write a poem about the sea");
        await chat.Locator("[data-testid=chat-input]").PressAsync("Enter");

        // Without reloading, the dashboard shows the request in flight, then counted.
        await admin.Locator($"[data-testid=expert-row][data-expert={ExpertIds.TextGeneration}] [data-testid=in-flight]:text-is('1')").WaitForAsync(new() { Timeout = 15_000 });
        await admin.Locator($"[data-testid=expert-row][data-expert={ExpertIds.TextGeneration}] [data-testid=requests]:text-is('1')").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal("0", (await row.Locator("[data-testid=in-flight]").InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Dashboard_ModelsTableListsTheManifest_AndPullShowsTheFailureReasonLive()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(_chat.BaseUrl + "/admin");
        var row = admin.Locator($"[data-testid=model-row][data-model={UnreachableManifest.Model}]");
        await row.WaitForAsync();
        // The manifest's three entries, the local Whisper ONNX engine's model, which is configured but not there, and
        // espeak-ng, which speaks while no Piper voice is downloaded.
        Assert.Equal(5, await admin.Locator("[data-testid=model-row]").CountAsync());
        Assert.Equal(1, await admin.Locator("[data-testid=model-row][data-model=whisper-base]").CountAsync());
        Assert.Equal(1, await admin.Locator("[data-testid=model-row][data-model=espeak-ng]").CountAsync());
        Assert.Equal("not downloaded", (await row.Locator("[data-testid=model-state]").InnerTextAsync()).Trim());
        Assert.Contains("MIT", await row.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("not downloaded", (await admin.Locator($"[data-model={UnreachableManifest.Other}] [data-testid=model-state]").InnerTextAsync()).Trim());
        await admin.Locator("html[data-interactive]").WaitForAsync(); // the interactive circuit took over the prerendered page

        await row.Locator("[data-testid=pull]").ClickAsync();

        // Without reloading, the row turns to failed with the downloader's reason.
        await admin.Locator($"[data-model={UnreachableManifest.Model}] [data-testid=model-state]:text-is('failed')").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Contains("No download source could be reached", await row.Locator("[data-testid=model-detail]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("not downloaded", (await admin.Locator($"[data-model={UnreachableManifest.Other}] [data-testid=model-state]").InnerTextAsync()).Trim());
        await Screenshots.TakeAsync(admin, "admin-models-pull-failed");
    }

    [Fact]
    public async Task Dashboard_PullOfAReachableModel_ShowsLiveProgressThenReady()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var admin = await context.NewPageAsync();
        await admin.GotoAsync(_chat.BaseUrl + "/admin");
        var state = admin.Locator($"[data-testid=model-row][data-model={UnreachableManifest.Slow}] [data-testid=model-state]");
        await state.WaitForAsync();
        Assert.Equal("not downloaded", (await state.InnerTextAsync()).Trim());
        Assert.Contains("4.0 MiB", await admin.Locator($"[data-model={UnreachableManifest.Slow}]").InnerTextAsync(), StringComparison.Ordinal);
        await admin.Locator("html[data-interactive]").WaitForAsync(); // the interactive circuit took over the prerendered page

        await admin.Locator($"[data-model={UnreachableManifest.Slow}] [data-testid=pull]").ClickAsync();

        // A percentage strictly between 0 and 100 shows while the bytes arrive, then the model is ready, all without reloading.
        await admin.WaitForFunctionAsync(
            $"() => /^downloading ([1-9]|[1-9][0-9])%$/.test(document.querySelector('[data-model={UnreachableManifest.Slow}] [data-testid=model-state]')?.innerText.trim() ?? '')",
            null, new() { Timeout = 20_000, PollingInterval = 50 });
        await Screenshots.TakeAsync(admin, "admin-models-downloading");
        await admin.Locator($"[data-model={UnreachableManifest.Slow}] [data-testid=model-state]:text-is('ready')").WaitForAsync(new() { Timeout = 30_000 });
        Assert.Equal(4 << 20, new FileInfo(Path.Combine(_models.Root, "slow", "slow.onnx")).Length);
        Assert.Equal(0, await admin.Locator($"[data-model={UnreachableManifest.Slow}] [data-testid=pull]").CountAsync());
    }
}
