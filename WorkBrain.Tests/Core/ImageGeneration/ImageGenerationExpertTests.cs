using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.ImageGeneration;

/// <summary>The image_generation expert on the in-process Stable Diffusion engine (a tiny generated export), built by the
/// production composition root from the ImageGeneration short keys.</summary>
public sealed class ImageGenerationExpertTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "workbrain-imagegen-" + Guid.NewGuid().ToString("N"));
    private readonly List<IDisposable> _disposables = [];

    public void Dispose()
    {
        _disposables.ForEach(d => d.Dispose());
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<(IExpert Expert, IFileStore Files)> CreateAsync(Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["ImageGeneration:LocalModelPath"] = await TestModels.GenerateAsync("tiny_sd"),
            ["ImageGeneration:Steps"] = "3",
            ["ImageGeneration:Width"] = "96",
            ["ImageGeneration:Height"] = "64",
        };
        configure?.Invoke(settings);
        var host = EngineHost.Build(settings);
        _disposables.Add(host);
        return (host.Services.GetServices<IExpert>().Single(e => e.Id == ExpertIds.ImageGeneration), host.Services.GetRequiredService<IFileStore>());
    }

    private static async Task<List<BrainEvent>> RunAsync(IExpert expert, string text, CancellationToken cancellationToken = default)
    {
        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(ExpertRequest.For(Turn.FromText(text, userId: "alice"), text), cancellationToken))
        {
            events.Add(e);
        }

        return events;
    }

    private static byte[] Image(IFileStore files, List<BrainEvent> events)
    {
        var ready = Assert.Single(events.OfType<ImageReady>());
        var stored = files.Find(ready.Url["/files/".Length..], "alice");
        Assert.NotNull(stored);
        Assert.Equal("image/png", stored.ContentType);
        return File.ReadAllBytes(stored.Path);
    }

    [Fact]
    public async Task RunAsync_TinyPipeline_StreamsOneProgressPerStepAndSavesPngOfRequestedSize()
    {
        var (expert, files) = await CreateAsync();

        var events = await RunAsync(expert, "a photo of a cat seed 7");

        var progress = events.OfType<ExpertProgress>().ToList();
        Assert.Equal(3, progress.Count);
        Assert.Equal(["step 1/3", "step 2/3", "step 3/3"], progress.Select(p => p.Detail));
        Assert.Equal(1.0, progress[^1].Fraction);
        Assert.Equal("a photo of a cat", events.OfType<ImageReady>().Single().Caption);
        using var bitmap = SKBitmap.Decode(Image(files, events));
        Assert.Equal(96, bitmap.Width);
        Assert.Equal(64, bitmap.Height);
        Assert.Contains("seed 7", Assert.IsType<TextDelta>(events[^1]).Text, StringComparison.Ordinal);
        Assert.Equal(ExpertState.Ready, expert.GetStatus().State);
        Assert.Equal("CPU", expert.GetStatus().Device);
    }

    [Fact]
    public async Task RunAsync_TinyPipeline_PreviewsEachStepButTheLast_AsSmallJpegsOfTheLatentsSize()
    {
        var (expert, _) = await CreateAsync();

        var progress = (await RunAsync(expert, "a photo of a cat seed 7")).OfType<ExpertProgress>().ToList();

        Assert.Equal(3, progress.Count);
        Assert.Null(progress[^1].Preview); // the image itself follows the last step
        foreach (var p in progress.Take(2))
        {
            Assert.StartsWith("data:image/jpeg;base64,", p.Preview, StringComparison.Ordinal);
            var jpeg = Convert.FromBase64String(p.Preview!["data:image/jpeg;base64,".Length..]);
            Assert.Equal([0xFF, 0xD8], jpeg[..2]);
            Assert.True(jpeg.Length < 16 * 1024, $"{jpeg.Length} bytes");
            using var bitmap = SKBitmap.Decode(jpeg);
            Assert.Equal((96 / 8, 64 / 8), (bitmap.Width, bitmap.Height));
        }

        Assert.NotEqual(progress[0].Preview, progress[1].Preview);
    }

    [Theory]
    [InlineData("0", 5, new int[0])]
    [InlineData("2", 5, new[] { 2, 4 })]
    public async Task RunAsync_PreviewEvery_PreviewsOnlyThoseSteps(string every, int steps, int[] previewed)
    {
        var (expert, _) = await CreateAsync(o => (o["ImageGeneration:PreviewEvery"], o["ImageGeneration:Steps"]) = (every, steps.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var progress = (await RunAsync(expert, "a red car seed 5")).OfType<ExpertProgress>().ToList();

        Assert.Equal(steps, progress.Count);
        Assert.Equal(previewed, progress.Select((p, i) => (p, i)).Where(x => x.p.Preview is not null).Select(x => x.i + 1));
    }

    [Fact]
    public async Task RunAsync_SameSeed_SameBytes_OtherSeedOrGuidance_DifferentBytes()
    {
        var (expert, files) = await CreateAsync();

        var a = Image(files, await RunAsync(expert, "a red car seed 11"));
        var b = Image(files, await RunAsync(expert, "a red car seed 11"));
        var c = Image(files, await RunAsync(expert, "a red car seed 12"));
        var guided = Image(files, await RunAsync(expert, "a red car seed 11 guidance 7.5, negative: blurry"));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.NotEqual(a, guided);
    }

    [Theory]
    [InlineData("lcm")]
    [InlineData("euler")]
    [InlineData("euler_ancestral")]
    public async Task RunAsync_EachScheduler_ProducesImageWithSettingsFromPrompt(string scheduler)
    {
        var (expert, files) = await CreateAsync(o => o["ImageGeneration:Scheduler"] = scheduler);

        var events = await RunAsync(expert, "tiny painting 128x64 steps 2 seed 3");

        Assert.Equal(2, events.OfType<ExpertProgress>().Count());
        using var bitmap = SKBitmap.Decode(Image(files, events));
        Assert.Equal((128, 64), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsBetweenSteps()
    {
        var (expert, _) = await CreateAsync(o => o["ImageGeneration:Steps"] = "20");
        using var cts = new CancellationTokenSource();
        var progress = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var e in expert.RunAsync(ExpertRequest.For(Turn.FromText("a dog"), "a dog"), cts.Token))
            {
                if (e is ExpertProgress)
                {
                    progress++;
                    await cts.CancelAsync();
                }
            }
        });

        Assert.Equal(1, progress);
    }

    [Fact]
    public async Task Status_MissingWeights_NotDownloadedWithPullCommand()
    {
        var (expert, _) = await CreateAsync(o =>
        {
            o["ImageGeneration:LocalModelPath"] = Path.Combine(_data, "nothing-here");
            o["ImageGeneration:LocalModel"] = "sd-turbo";
        });

        var status = expert.GetStatus();

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Contains("dotnet run --project WorkBrain.Web -- models pull sd-turbo", status.Detail, StringComparison.Ordinal);
        var e = await Assert.ThrowsAsync<ExpertException>(() => RunAsync(expert, "a cat"));
        Assert.Contains("models pull sd-turbo", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SettingsInChinese_AreRead()
    {
        var r = ImagePromptParser.Parse("一只猫 种子 42 8步 768x512", new ImageGenerationOptions(), () => 1);
        Assert.Equal(new ImageRequest("一只猫", null, 768, 512, 8, 0, 42), r);
    }
}
