using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WorkBrain.Core.Documents;
using WorkBrain.Tests.Support;
using WorkBrain.Tests.Web.Browser;

namespace WorkBrain.Tests.Web.Documents;

[Collection(BrowserCollection.Name)]
public sealed class DocumentsBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private ChatApp _chat = default!;

    public async Task InitializeAsync() => _chat = await ChatApp.StartAsync();

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task Upload_IndexesLive_SearchFindsThePassage_CorruptFileFailsAlone()
    {
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/documents");
        await page.Locator("html[data-interactive]").WaitForAsync(); // the interactive circuit took over the prerendered page

        await page.Locator("[data-testid=add-documents]").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "长江.txt", MimeType = "text/plain", Buffer = "长江是中国最长的河流，全长约六千三百公里。\n黄河是中国第二长河。"u8.ToArray() },
            new FilePayload { Name = "broken.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7 this is not really a pdf"u8.ToArray() },
        });

        var ready = page.Locator("[data-testid=document-row][data-status=ready]", new() { HasText = "长江.txt" });
        await ready.WaitForAsync(new() { Timeout = 30_000 });
        var failed = page.Locator("[data-testid=document-row][data-status=failed]", new() { HasText = "broken.pdf" });
        await failed.WaitForAsync(new() { Timeout = 30_000 });
        Assert.NotEmpty((await failed.Locator("[data-testid=document-error]").InnerTextAsync()).Trim());

        await page.Locator("[data-testid=document-search]").FillAsync("最长的河流");
        await page.Locator("[data-testid=search-documents]").ClickAsync();
        var hit = page.Locator("[data-testid=document-hit]").First;
        await hit.WaitForAsync();
        Assert.Contains("长江是中国最长的河流", await hit.InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "documents");

        // Someone else's library does not hold them.
        var library = _chat.App.Services.GetRequiredService<DocumentLibrary>();
        Assert.Equal(2, (await library.ListAsync("local")).Count);
        Assert.Empty(await library.ListAsync("someone-else"));
        Assert.Empty(await library.SearchAsync("someone-else", "最长的河流", 5));
    }
}
