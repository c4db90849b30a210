using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkiaSharp;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.Text.Gguf;

namespace WorkBrain.Tests.Core.Text.Gguf;

/// <summary>Image questions through a vision projector: tiny_gguf.py's mmproj, loaded by llama.cpp's mtmd.</summary>
public sealed class GgufVisionTests
{
    private static async Task<GgufChatClient> LoadAsync(bool random = false, int maxConcurrent = 1)
    {
        var (model, projector) = random ? await TinyGguf.RandomWithProjectorAsync() : await TinyGguf.ChainWithProjectorAsync();
        return GgufChatClient.Load(model, new GgufEngineOptions { ProjectorPath = projector, MaxConcurrent = maxConcurrent });
    }

    private static byte[] Png(SKColor color, int width = 48, int height = 48)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static ChatMessage Question(params byte[][] images) =>
        new(ChatRole.User, [new TextContent("the"), .. images.Select(i => new DataContent(i, "image/png"))]);

    private static readonly ChatMessage TextOnly = new(ChatRole.User, "the");

    [Fact]
    public async Task Image_ChainModel_AnswersAndTheImageTakesItsPositionsInThePrompt()
    {
        using var client = await LoadAsync();

        var withImage = await client.GetResponseAsync([Question(Png(SKColors.Red))]);
        var without = await client.GetResponseAsync([TextOnly]);

        Assert.True(client.CanReadImages);
        Assert.Equal(TinyGguf.Chain, withImage.Text);
        Assert.Equal(ChatFinishReason.Stop, withImage.FinishReason);
        Assert.Equal(without.Usage!.InputTokenCount + TinyGguf.ImagePositions, withImage.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Image_TwoImagesAndAJpegThatIsNotSquare_EachTakesItsPositions()
    {
        using var client = await LoadAsync();
        var jpeg = await File.ReadAllBytesAsync(Support.TestModels.SharedMedia("cat.jpg"));
        var question = new ChatMessage(ChatRole.User,
            [new DataContent(Png(SKColors.Blue, 64, 20), "image/png"), new TextContent("the"), new DataContent(jpeg, "image/jpeg")]);

        var oneImage = new ChatMessage(ChatRole.User, [new DataContent(Png(SKColors.Blue), "image/png"), new TextContent("the")]);

        var response = await client.GetResponseAsync([question]);
        var withOne = await client.GetResponseAsync([oneImage]);

        Assert.Equal(TinyGguf.Chain, response.Text);
        Assert.Equal(TinyGguf.Chain, withOne.Text);
        Assert.Equal(withOne.Usage!.InputTokenCount + TinyGguf.ImagePositions, response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Image_TextThatSpellsTheMediaMarker_DoesNotTakeAnImagesPlace()
    {
        using var client = await LoadAsync();
        var png = Png(SKColors.Red);
        var forged = new ChatMessage(ChatRole.User, [new TextContent("the" + GgufImagePrompt.Marker), new DataContent(png, "image/png")]);

        var response = await client.GetResponseAsync([forged]);
        var plain = await client.GetResponseAsync([Question(png)]);

        Assert.Equal(TinyGguf.Chain, response.Text);
        Assert.Equal(plain.Usage!.InputTokenCount, response.Usage!.InputTokenCount);
    }

    [Fact]
    public async Task Image_RawPromptEndingWithTheImage_FailsSayingTextMustFollow()
    {
        using var client = await LoadAsync();
        var raw = new ChatOptions { AdditionalProperties = new() { [GgufChatClient.RawPromptKey] = true } };

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.GetResponseAsync([Question(Png(SKColors.Red))], raw));

        Assert.Contains("text after the last image", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TinyGguf.Chain, (await client.GetResponseAsync([new ChatMessage(ChatRole.User, [new DataContent(Png(SKColors.Red), "image/png"), new TextContent("the")])], raw)).Text);
    }

    [Fact]
    public async Task Image_RandomModel_TheAnswerDependsOnTheImage()
    {
        using var client = await LoadAsync(random: true);
        var greedy = new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = 12 };

        var red = await client.GetResponseAsync([Question(Png(SKColors.Red))], greedy);
        var redAgain = await client.GetResponseAsync([Question(Png(SKColors.Red))], greedy);
        var checker = await client.GetResponseAsync([Question(Checkerboard())], greedy);

        Assert.True(red.Usage!.OutputTokenCount > 0);
        Assert.Equal(red.Text, redAgain.Text);
        Assert.NotEqual(red.Text, checker.Text);
    }

    [Fact]
    public async Task Image_NotAnImage_FailsClearlyAndTheModelServesTheNextRequest()
    {
        using var client = await LoadAsync();
        var broken = new ChatMessage(ChatRole.User, [new TextContent("the"), new DataContent("not an image"u8.ToArray(), "image/png")]);

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() => client.GetResponseAsync([broken]));

        Assert.Contains("image", ex.Message, StringComparison.Ordinal);
        Assert.Equal(TinyGguf.Chain, (await client.GetResponseAsync([Question(Png(SKColors.Green))])).Text);
    }

    [Fact]
    public async Task Image_ConcurrentRequests_AllAnswerWithTheirImages()
    {
        using var client = await LoadAsync(maxConcurrent: 4);
        var without = await client.GetResponseAsync([TextOnly]);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.GetResponseAsync([Question(Png(new SKColor((byte)(i * 30), 80, 160)))], new ChatOptions { ConversationId = $"s{i}" })));

        Assert.All(answers, a =>
        {
            Assert.Equal(TinyGguf.Chain, a.Text);
            Assert.Equal(without.Usage!.InputTokenCount + TinyGguf.ImagePositions, a.Usage!.InputTokenCount);
        });
        Assert.True(client.PeakRunning > 1);
    }

    [Fact]
    public async Task CompositionRoot_GgufBackendWithProjector_AnswersAnImageQuestion()
    {
        var (model, projector) = await TinyGguf.ChainWithProjectorAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = Support.TestModels.RepositoryRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "wb-vision-" + Guid.NewGuid().ToString("N")),
            ["TextGeneration:Backend"] = "gguf",
            ["TextGeneration:Gguf:Path"] = model,
            ["TextGeneration:Gguf:ProjectorPath"] = projector,
        });
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        using var host = builder.Build();
        var text = host.Services.GetRequiredService<SelectedEngine<IChatClient>>();

        var client = await text.GetRequiredClientAsync();
        var response = await client.GetResponseAsync([Question(Png(SKColors.Orange))]);

        Assert.Equal(TinyGguf.Chain, response.Text);
        Assert.Contains("reads images", text.Current!.GetStatus().Detail, StringComparison.Ordinal);
    }

    private static byte[] Checkerboard()
    {
        using var bitmap = new SKBitmap(32, 32);
        for (var y = 0; y < 32; y++)
        {
            for (var x = 0; x < 32; x++)
            {
                bitmap.SetPixel(x, y, ((x / 4) + (y / 4)) % 2 == 0 ? SKColors.White : SKColors.Black);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
