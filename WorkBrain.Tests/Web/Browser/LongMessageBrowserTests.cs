using Microsoft.Playwright;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>Pasting 20,000 characters dropped the Blazor connection and lost the message. Now the input takes anything up
/// to the maximum, counts near it, refuses more before sending, and long pasted text becomes an attached document.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LongMessageBrowserTests(BrowserFixture browser)
{
    private static string Mixed(int ascii, int chinese) =>
        string.Concat(Enumerable.Repeat("Spring is here. ", ascii / 16 + 1))[..ascii]
        + string.Concat(Enumerable.Repeat("春天来了，万物复苏。", chinese / 10 + 1))[..chinese];

    private static async Task<IPage> OpenChatAsync(IBrowserContext context, ChatApp chat)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        return page;
    }

    [Fact]
    public async Task Input_TwentyThousandCharacters_StaysConnected_SendsTheWholeMessage()
    {
        await using var chat = await ChatApp.StartAsync(["ok"], settings: new Dictionary<string, string?> { ["Chat:PasteAsDocumentCharacters"] = "100000" });
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenChatAsync(context, chat);
        var text = Mixed(14_000, 6_000);

        await page.Locator("[data-testid=chat-input]").FillAsync(text);
        await page.Locator("[data-testid=send]").ClickAsync();

        await page.Locator("[data-testid=message][data-role=assistant]").WaitForAsync();

        // What the server stored, not what the page echoed: reload and read it back.
        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        var user = page.Locator("[data-testid=message][data-role=user] .user-text");
        await user.WaitForAsync();
        Assert.Equal(text.Length, await user.EvaluateAsync<int>("e => e.innerText.trim().length"));
    }

    [Fact]
    public async Task PasteLongText_BecomesAnAttachedTextDocument_InputStaysEmpty()
    {
        await using var chat = await ChatApp.StartAsync(["ok"]);
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenChatAsync(context, chat);

        await page.Locator("[data-testid=chat-input]").EvaluateAsync(@"(t, text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            t.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }", Mixed(14_000, 6_000));

        await Assertions.Expect(page.Locator("[data-testid=pending-attachments]")).ToContainTextAsync("pasted-text.txt");
        Assert.Equal("", await page.Locator("[data-testid=chat-input]").InputValueAsync());
    }

    [Fact]
    public async Task Input_NearAndOverTheMaximum_CountsThenRefusesBeforeSending_KeepsTheText()
    {
        await using var chat = await ChatApp.StartAsync(["ok"], settings: new Dictionary<string, string?>
        {
            ["Chat:MaxMessageCharacters"] = "100",
            ["Chat:PasteAsDocumentCharacters"] = "1000",
        });
        await using var context = await browser.Browser.NewContextAsync();
        var page = await OpenChatAsync(context, chat);
        var input = page.Locator("[data-testid=chat-input]");

        await input.FillAsync(new string('a', 90));
        await Assertions.Expect(page.Locator("[data-testid=char-counter]")).ToContainTextAsync("90 / 100");

        // maxlength stops typing; a script (or an extension) can still set more, which the page refuses before sending.
        await input.EvaluateAsync("t => { t.value = 'b'.repeat(150); t.dispatchEvent(new Event('input', { bubbles: true })); }");
        await Assertions.Expect(page.Locator("[data-testid=char-counter].over")).ToContainTextAsync("150 / 100");
        await page.Locator("[data-testid=send]").ClickAsync();

        await Assertions.Expect(page.Locator(".mud-alert")).ToContainTextAsync("the limit is 100");
        Assert.Equal(0, await page.Locator("[data-testid=message]").CountAsync());
        Assert.Equal(150, (await input.InputValueAsync()).Length);
    }
}
