using Microsoft.Extensions.AI;
using WorkBrain.Core.Events;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Turns;
using WorkBrain.Core.Vision;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision;

public sealed class ImageUnderstandingExpertTests
{
    private static ExpertRequest RequestWith(string instruction, params Attachment[] attachments) =>
        ExpertRequest.For(new Turn(instruction, attachments, "s", "u", []), instruction);

    private static Attachment Image(string path, string contentType = "image/png") =>
        new(Path.GetFileName(path), contentType, AttachmentKind.Image, path, new FileInfo(path).Length);

    private static async Task<string> AnswerAsync(IExpert expert, ExpertRequest request)
    {
        var text = "";
        await foreach (var e in expert.RunAsync(request))
        {
            if (e is TextDelta d)
            {
                text += d.Text;
            }
        }

        return text;
    }

    [Fact]
    public async Task RunAsync_NoTextModel_AnswersWithTextReadAndLabels()
    {
        using var provider = VisionHost.Build();
        using var bitmap = VisionTestServices.RenderText(700, 200, 56, ("Hello World", 40, 80), ("你好世界", 40, 170));
        var path = VisionTestServices.SavePng(bitmap, "sign.png");

        var answer = await AnswerAsync(provider.Expert<ImageUnderstandingExpert>(), RequestWith("What does it say?", Image(path)));

        var compact = answer.Replace(" ", "", StringComparison.Ordinal);
        Assert.True(compact.Contains(">HelloWorld\n>你好世界", StringComparison.Ordinal), answer);
        Assert.Matches(@"Looks like \(ImageNet classifier\): [^\n]+ \(\d+%\)", answer);
    }

    [Fact]
    public async Task RunAsync_TextModelAvailable_PhrasesTheFindings()
    {
        var text = new FakeChatClient { Reply = m => "It is a cat." };
        using var provider = VisionHost.Build(textModel: text);

        var answer = await AnswerAsync(provider.Expert<ImageUnderstandingExpert>(), RequestWith("What animal is this?", Image(TestModels.SharedMedia("cat.jpg"), "image/jpeg")));

        Assert.Equal("It is a cat.", answer.Trim());
        var prompt = text.Received.Last(m => m.Role == ChatRole.User).Text;
        Assert.Contains("What animal is this?", prompt);
        Assert.Matches("(tabby|tiger cat|Egyptian cat)", prompt);
    }

    [Fact]
    public async Task RunAsync_VlmConfigured_SendsTheImageInTheMessage()
    {
        var vlm = new FakeChatClient { Reply = _ => "A golden dog on grass." };
        using var provider = VisionHost.Build(vlm: vlm);
        var path = TestModels.SharedMedia("dog.jpg");

        var answer = await AnswerAsync(provider.Expert<ImageUnderstandingExpert>(), RequestWith("Describe it", Image(path, "image/jpeg")));

        Assert.Equal("A golden dog on grass.", answer.Trim());
        var message = Assert.Single(vlm.Received);
        var image = Assert.Single(message.Contents.OfType<DataContent>());
        Assert.Equal("image/jpeg", image.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(path), image.Data.ToArray());
        Assert.Contains(message.Contents.OfType<TextContent>(), t => t.Text == "Describe it");
    }

    [Fact]
    public async Task RunAsync_NoImage_ThrowsClearMessage()
    {
        using var provider = VisionHost.Build();

        var ex = await Assert.ThrowsAsync<ExpertException>(() => AnswerAsync(provider.Expert<ImageUnderstandingExpert>(), RequestWith("What is this?")));

        Assert.Contains("No image", ex.Message);
    }

    [Fact]
    public async Task RunAsync_CorruptImage_ThrowsClearMessage()
    {
        using var provider = VisionHost.Build();
        var path = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}-photo.png");
        await File.WriteAllTextAsync(path, "not really a png");

        var ex = await Assert.ThrowsAsync<ExpertException>(() => AnswerAsync(provider.Expert<ImageUnderstandingExpert>(), RequestWith("?", Image(path))));

        Assert.Contains("not an image", ex.Message);
    }

    [Fact]
    public void GetStatus_ModelsPresent_IsReadyOnCpu()
    {
        using var provider = VisionHost.Build();

        var status = provider.Expert<ImageUnderstandingExpert>().GetStatus();

        Assert.Equal((ExpertState.Ready, "local ONNX", "CPU"), (status.State, status.Backend, status.Device));
    }

    [Fact]
    public void GetStatus_ModelsMissing_SaysWhatToPull()
    {
        using var provider = VisionHost.Build(settings: new() { ["ImageUnderstanding:OcrDirectory"] = "missing-ocr" });

        var status = provider.Expert<ImageUnderstandingExpert>().GetStatus();

        Assert.Equal(ExpertState.NotDownloaded, status.State);
        Assert.Contains("missing-ocr/ch_PP-OCRv4_det_infer.onnx", status.Detail);
    }
}
