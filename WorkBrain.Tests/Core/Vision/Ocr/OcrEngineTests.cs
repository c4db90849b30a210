using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Tests.Core.Vision.Ocr;

public sealed class OcrEngineTests
{
    private static string Normalise(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void Read_RenderedChineseAndEnglish_ReadsBothLinesInOrder()
    {
        using var models = new OcrModels(VisionTestServices.Models(), VisionTestServices.Vision());
        var engine = new OcrEngine(models);
        using var image = VisionTestServices.RenderText(820, 320, 56,
            ("今天天气很好", 40, 90),
            ("Hello World 2024", 40, 190),
            ("欢迎使用", 40, 280));

        var result = engine.Read(image);

        var lines = result.LineTexts.Select(Normalise).ToList();
        Assert.True(lines.Count == 3, $"Expected 3 lines, read: {result.Text}");
        Assert.Equal("今天天气很好", lines[0]);
        Assert.Equal("HelloWorld2024", lines[1]);
        Assert.Equal("欢迎使用", lines[2]);
    }

    [Fact]
    public void Read_TwoColumnsOnOneLine_OrdersLeftToRight()
    {
        using var models = new OcrModels(VisionTestServices.Models(), VisionTestServices.Vision());
        var engine = new OcrEngine(models);
        using var image = VisionTestServices.RenderText(900, 140, 52, ("Invoice", 30, 90), ("发票号码", 560, 90));

        var result = engine.Read(image);

        Assert.Single(result.Lines);
        Assert.Equal(["Invoice", "发票号码"], result.Lines[0].Select(r => Normalise(r.Text)));
    }

    [Fact]
    public void Read_UpsideDownText_IsTurnedByTheOrientationClassifier()
    {
        using var models = new OcrModels(VisionTestServices.Models(), VisionTestServices.Vision());
        var engine = new OcrEngine(models);
        using var upright = VisionTestServices.RenderText(700, 120, 56, ("Upside down text", 30, 80));
        using var flipped = TextCropper.Rotate(upright.Copy(), halfTurn: true);

        var result = engine.Read(flipped);

        Assert.Equal("Upsidedowntext", Normalise(result.Text));
    }

    [Fact]
    public void Read_BlankImage_FindsNoText()
    {
        using var models = new OcrModels(VisionTestServices.Models(), VisionTestServices.Vision());
        using var blank = VisionTestServices.RenderText(320, 200, 40);

        Assert.True(new OcrEngine(models).Read(blank).IsEmpty);
    }
}
