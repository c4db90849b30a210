#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

using Microsoft.Extensions.AI;
using Microsoft.Playwright;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Tests.Support;
using AiImageOptions = Microsoft.Extensions.AI.ImageGenerationOptions;

namespace WorkBrain.Tests.Web.Browser;

/// <summary>
/// While an image is drawn, its answer shows the step it is at as a progress bar and a preview of the unfinished image;
/// the finished image then replaces both. The image engine is chosen by configuration through the real registry and
/// holds at its first step until the test has looked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DiffusionProgressBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly HeldImageGenerator _generator = new();
    private ChatApp _chat = default!;

    public async Task InitializeAsync() =>
        _chat = await ChatApp.StartAsync(
            ["Hello"],
            settings: new Dictionary<string, string?> { ["Engines:Images:fake:Type"] = "fake" },
            services: s => s.AddFakeEngineType(new FakeEngine<IImageGenerator>(_generator, inProcess: true)));

    public async Task DisposeAsync()
    {
        _generator.Release();
        await _chat.DisposeAsync();
    }

    [Fact]
    public async Task DrawAnImage_WhileDrawing_ShowsTheStepBarAndAPreview_ThenTheImage()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "zh-CN",
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(_chat.BaseUrl + "/");
        await page.Locator("[data-testid=chat-input][data-ready]").WaitForAsync();

        await page.Locator("[data-testid=chat-input]").FillAsync("画一只在雪地里玩耍的小狗");
        await page.Locator("[data-testid=send]").ClickAsync();

        // Step 1 of 4: a quarter of the bar, the step in words, and the preview the engine made, decoded on screen.
        var progress = page.Locator("[data-testid=expert-progress]");
        var preview = progress.Locator("img[data-testid=diffusion-preview]");
        await preview.WaitForAsync();
        await Assertions.Expect(progress).ToContainTextAsync("第 1/4 步");
        await Assertions.Expect(progress).ToContainTextAsync("25%");
        Assert.StartsWith("data:image/jpeg;base64,", await preview.GetAttributeAsync("src") ?? "", StringComparison.Ordinal);
        await preview.EvaluateAsync("i => i.decode()");
        Assert.True(await preview.EvaluateAsync<bool>("i => i.naturalWidth > 0 && i.getBoundingClientRect().width > 0"));
        await page.WaitForFunctionAsync("""
            () => {
              const track = document.querySelector('[data-testid=expert-progress] .mud-progress-linear');
              const bar = track && track.querySelector('.mud-progress-linear-bar');
              if (!bar) return false;
              const t = track.getBoundingClientRect(), b = bar.getBoundingClientRect();
              return t.width > 0 && Math.abs((b.right - t.left) / t.width - 0.25) < 0.03;
            }
            """);
        await Screenshots.SaveAsync(page, "diffusion-progress-zh-light-1366");

        _generator.Release();

        await page.Locator("[data-testid=gallery-item] img").WaitForAsync();
        await Assertions.Expect(progress).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=diffusion-preview]")).ToHaveCountAsync(0);
    }

    /// <summary>Reports step 1 of 4 with a preview, then waits for <see cref="Release"/> before it finishes.</summary>
    private sealed class HeldImageGenerator : IImageGenerator
    {
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _picture = File.ReadAllBytes(TestModels.SharedMedia("cat.jpg"));

        public void Release() => _release.TrySetResult();

        public async Task<ImageGenerationResponse> GenerateAsync(ImageGenerationRequest request, AiImageOptions? options = null, CancellationToken cancellationToken = default)
        {
            var sink = options?.AdditionalProperties is { } properties && properties.TryGetValue(ImageGenerationProperties.Progress, out var value)
                ? value as DiffusionProgressSink
                : null;
            sink?.Report(new DiffusionProgress(1, 4, _picture));
            await _release.Task.WaitAsync(cancellationToken);
            sink?.Report(new DiffusionProgress(4, 4));
            return new ImageGenerationResponse([new DataContent(_picture, "image/jpeg")]);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
