using Microsoft.Playwright;
using WorkBrain.Core.Experts;
using WorkBrain.Tests.Core.Speech;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>Voice in the chat end to end, in Chromium with a fake microphone that plays espeak-ng speech: the recording is
/// uploaded, transcribed by the asr expert (tiny generated Whisper in "text" mode, which always hears "hello") and becomes
/// the user's message; and "read answers aloud" plays the answer's sentences in order.</summary>
[Collection(BrowserCollection.Name)]
public sealed class VoiceBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private static readonly string[] Tokens = ["The sky ", "is blue. ", "Grass ", "is green. ", "Snow ", "is white."];

    private ChatApp _chat = default!;
    private IBrowser _browser = default!;

    public async Task InitializeAsync()
    {
        var folder = SpeechMedia.NewFolder();
        var microphone = await SpeechMedia.PaddedSpeechAsync(folder, "What time is it?", "en-us", 0.5);
        _chat = await ChatApp.StartAsync(Tokens, TimeSpan.FromMilliseconds(100), new Dictionary<string, string?>
        {
            ["Asr:Backend"] = "local",
            ["Asr:LocalModel"] = await TestModels.GenerateAsync("tiny_whisper", "text"),
            ["Asr:VadModel"] = TestModels.RequireRealModel("vad/silero_vad.onnx"),
            ["Asr:MaxNewTokens"] = "3",
            ["Asr:Timestamps"] = "false",
            ["Asr:Threads"] = "1",
            ["Tts:Backend"] = "espeak",
        });
        _browser = await browser.LaunchAsync([
            "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            "--use-file-for-fake-audio-capture=" + microphone, "--autoplay-policy=no-user-gesture-required",
        ]);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _chat.DisposeAsync();
    }

    [Fact]
    public async Task Record_FakeMicrophone_UploadIsTranscribedIntoTheUserMessage()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=record]").ClickAsync();
        await page.Locator("[data-testid=recording]").WaitForAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var upload = page.WaitForResponseAsync(r => r.Url.EndsWith("/api/uploads", StringComparison.Ordinal) && r.Request.Method == "POST");
        await page.Locator("[data-testid=record]").ClickAsync();

        var response = await upload;
        Assert.Equal(200, response.Status);
        Assert.Contains("\"kind\":\"audio\"", await response.TextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-testid=recording]").WaitForAsync(new() { State = WaitForSelectorState.Detached });

        var user = page.Locator("[data-testid=message][data-role=user]").Last;
        await user.Locator(".attachment[data-kind=Audio] audio").WaitForAsync();
        await user.Locator(".user-text", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("hello") }).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal("hello hello hello", (await user.Locator(".user-text").InnerTextAsync()).Trim());

        var assistant = page.Locator("[data-testid=message][data-role=assistant]").Last;
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 60_000 });
        var trace = await assistant.Locator(".routing-trace tbody").TextContentAsync() ?? "";
        Assert.Contains(ExpertIds.DisplayName(ExpertIds.Asr), trace, StringComparison.Ordinal);
        await Screenshots.TakeAsync(page, "chat-voice-message");

        // The transcript is stored as the user's words: a reload shows it.
        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        Assert.Equal("hello hello hello", (await page.Locator("[data-testid=message][data-role=user] .user-text").Last.InnerTextAsync()).Trim());
    }

    [Fact]
    public async Task Microphone_NoSpeechRecognition_IsDisabledAndSaysWhatIsMissing()
    {
        // The same app without Asr settings: its Whisper model is not downloaded, so nothing can be transcribed.
        await using var plain = await ChatApp.StartAsync(Tokens);
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(plain.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        await Assertions.Expect(page.Locator("button[data-testid=record]")).ToBeDisabledAsync();
        var why = await page.Locator("[data-testid=record-unavailable]").GetAttributeAsync("title");
        Assert.StartsWith("Voice input is not available: speech recognition is not set up on this server.", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAloud_On_AnswerSentencesArePlayedInOrder_AndTheChoiceIsKept()
    {
        await using var context = await _browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);

        var toggle = page.Locator("[data-testid=read-aloud]");
        Assert.Equal("false", await toggle.GetAttributeAsync("aria-pressed"));
        await toggle.ClickAsync();
        await page.Locator("[data-testid=read-aloud][aria-pressed=true]").WaitForAsync();

        await page.Locator("[data-testid=chat-input]").FillAsync("What colour are the sky, grass and snow?");
        await page.Locator("[data-testid=chat-input]").PressAsync("Enter");
        await page.Locator("[data-testid=message][data-role=assistant][data-status=complete]").WaitForAsync(new() { Timeout = 60_000 });

        var assistant = page.Locator("[data-testid=message][data-role=assistant]").Last;
        var sources = new List<string>();
        foreach (var clip in await assistant.Locator("[data-testid=audio-player] [data-src]").AllAsync())
        {
            sources.Add(await clip.GetAttributeAsync("data-src") ?? "");
        }

        Assert.Equal(1, await assistant.Locator("[data-testid=audio-player]").CountAsync());

        Assert.Equal(3, sources.Count);
        await page.WaitForFunctionAsync("n => window.workbrainAudio.played.length >= n", sources.Count, new() { Timeout = 30_000 });
        var played = await page.EvaluateAsync<string[]>("() => window.workbrainAudio.played");
        Assert.Equal(sources, played);

        // The compact player: its speed button cycles the rate; play starts the answer again from its first sentence,
        // and while it plays the bar moves across the sentences (recorded as it happens: the clips are short).
        var player = assistant.Locator("[data-testid=audio-player]");
        await page.Locator("[data-testid=audio-player][data-state=idle]").WaitForAsync(); // read-aloud has finished the last sentence
        await player.Locator("[data-player=speed]").ClickAsync();
        await Assertions.Expect(player.Locator("[data-player=speed]")).ToHaveTextAsync("1.25×");
        await player.EvaluateAsync("""
            p => {
              window.__player = { playing: false, fill: 0 };
              new MutationObserver(() => {
                if (p.dataset.state === 'playing') window.__player.playing = true;
                window.__player.fill = Math.max(window.__player.fill, parseFloat(p.querySelector('.ap-fill').style.width) || 0);
              }).observe(p, { attributes: true, subtree: true });
            }
            """);
        await player.Locator("[data-player=toggle]").ClickAsync();
        await page.WaitForFunctionAsync("n => window.workbrainAudio.played.length > n", sources.Count);
        Assert.Equal(sources[0], await page.EvaluateAsync<string>("n => window.workbrainAudio.played[n]", sources.Count));
        try
        {
            await page.WaitForFunctionAsync("() => window.__player.playing && window.__player.fill > 0", null, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail(await page.EvaluateAsync<string>("() => JSON.stringify({ seen: window.__player, played: window.workbrainAudio.played, state: document.querySelector('[data-testid=audio-player]').dataset.state, fill: document.querySelector('[data-testid=audio-player] .ap-fill').style.width, html: document.querySelector('[data-testid=audio-player]').outerHTML })"));
        }

        await page.ReloadAsync();
        await ChatStreamingBrowserTests.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=read-aloud][aria-pressed=true]").WaitForAsync();
        // The rate is kept for the next visit.
        await Assertions.Expect(page.Locator("[data-testid=audio-player] [data-player=speed]").Last).ToHaveTextAsync("1.25×");
    }
}
