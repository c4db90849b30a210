using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Files;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Core.Turns;
using WorkBrain.Tests.Core.Tools;
using WorkBrain.Tests.Support;

#pragma warning disable MEAI001 // the image abstractions are experimental in Microsoft.Extensions.AI 10.x

namespace WorkBrain.Tests.Core.ImageGeneration;

/// <summary>The same image_generation expert test against each Images engine (in-process ONNX Stable Diffusion on a tiny
/// generated export; an OpenAI images API), each configured by the old keys and as a named engine, through the
/// production composition root.</summary>
public sealed class ImageEnginesTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "workbrain-imageengines-" + Guid.NewGuid().ToString("N"));
    private LocalHttpServer? _server;

    public static TheoryData<string, bool> Engines => new() { { "local", false }, { "local", true }, { "remote", false }, { "remote", true } };

    public Task InitializeAsync()
    {
        // An images API that paints the requested size in one colour, as b64_json.
        _server = new LocalHttpServer((_, body) =>
        {
            using var json = JsonDocument.Parse(body);
            var size = json.RootElement.GetProperty("size").GetString()!.Split('x').Select(int.Parse).ToArray();
            using var bitmap = new SKBitmap(size[0], size[1]);
            bitmap.Erase(SKColors.Teal);
            using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            var answer = JsonSerializer.SerializeToUtf8Bytes(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(png.ToArray()) } } });
            return Task.FromResult((200, "application/json", answer));
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _server!.DisposeAsync();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private async Task<Dictionary<string, string?>> SettingsAsync(string kind, bool named)
    {
        var settings = new Dictionary<string, string?> { ["Storage:DataDirectory"] = _data, ["ImageGeneration:Steps"] = "2" };
        var (type, key, value) = kind == "local"
            ? ("onnx", "Path", await TestModels.GenerateAsync("tiny_sd"))
            : ("openai", "Endpoint", _server!.BaseUrl + "/v1");
        if (named)
        {
            settings[$"Engines:Images:mine:Type"] = type;
            settings[$"Engines:Images:mine:{key}"] = value;
        }
        else
        {
            settings["ImageGeneration:Backend"] = kind;
            settings[kind == "local" ? "ImageGeneration:LocalModelPath" : "ImageGeneration:Endpoint"] = value;
        }

        return settings;
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Expert_EachEngine_StoresAPngOfTheRequestedSizeForTheUser(string kind, bool named)
    {
        using var host = EngineHost.Build(await SettingsAsync(kind, named));
        var expert = host.Services.GetServices<IExpert>().Single(e => e.Id == ExpertIds.ImageGeneration);
        var files = host.Services.GetRequiredService<IFileStore>();

        var events = new List<BrainEvent>();
        await foreach (var e in expert.RunAsync(ExpertRequest.For(Turn.FromText("a teal square 96x64 seed 5", userId: "alice"), "a teal square 96x64 seed 5")))
        {
            events.Add(e);
        }

        var ready = Assert.Single(events.OfType<ImageReady>());
        var stored = files.Find(ready.Url["/files/".Length..], "alice");
        Assert.NotNull(stored);
        Assert.Null(files.Find(ready.Url["/files/".Length..], "bob"));
        Assert.Equal("image/png", stored.ContentType);
        using var bitmap = SKBitmap.Decode(await File.ReadAllBytesAsync(stored.Path));
        Assert.Equal((96, 64), (bitmap.Width, bitmap.Height));
        Assert.Contains("seed 5", events.OfType<TextDelta>().Last().Text, StringComparison.Ordinal);
        // Only the in-process engine knows its steps.
        Assert.Equal(kind == "local" ? 2 : 0, events.OfType<ExpertProgress>().Count());
        Assert.Equal(ExpertState.Ready, expert.GetStatus().State);
        Assert.Equal(named ? "mine" : kind, EngineHost.Selected<IImageGenerator>(host).Current!.Definition.Name);
    }
}
