using SkiaSharp;
using WorkBrain.Core.Vision.Ocr;

namespace WorkBrain.Tests.Core.Vision.Ocr;

public sealed class ReadingOrderTests
{
    private static OcrRegion Region(string text, float left, float top, float width = 80, float height = 30) =>
        new(text, 1, new TextBox(new SKPoint(left, top), new SKPoint(left + width, top), new SKPoint(left + width, top + height), new SKPoint(left, top + height), 1));

    [Fact]
    public void Arrange_SlightlyUnevenLineAndNextLine_GroupsByLineThenLeftToRight()
    {
        var result = ReadingOrder.Arrange([Region("third", 10, 60), Region("second", 200, 4), Region("first", 10, 0)]);

        Assert.Equal(["first second", "third"], result.LineTexts);
        Assert.Equal("first second\nthird", result.Text);
    }
}
