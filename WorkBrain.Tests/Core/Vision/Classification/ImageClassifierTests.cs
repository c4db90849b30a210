using WorkBrain.Core.Experts;
using WorkBrain.Core.Vision.Classification;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision.Classification;

public sealed class ImageClassifierTests
{
    [Theory]
    [InlineData("cat.jpg", new[] { "tabby", "tiger cat", "Egyptian cat" })]
    [InlineData("dog.jpg", new[] { "golden retriever" })]
    public void Classify_SharedPhoto_HasExpectedLabelInTopThree(string photo, string[] expected)
    {
        using var model = new ClassifierModel(VisionTestServices.Models(), VisionTestServices.Vision());
        using var image = VisionTestServices.Loader().Load(TestModels.SharedMedia(photo));

        var labels = new ImageClassifier(model).Classify(image, 3);

        Assert.Equal(3, labels.Count);
        Assert.True(labels.Any(l => expected.Contains(l.Name)), $"top-3 for {photo}: {string.Join(", ", labels.Select(l => $"{l.Name} {l.Probability:P0}"))}");
        Assert.True(labels[0].Probability >= labels[1].Probability && labels[0].Probability <= 1.001f);
    }

    [Fact]
    public void Classify_ModelMissing_ThrowsNotDownloaded()
    {
        using var model = new ClassifierModel(VisionTestServices.Models(Path.GetTempPath()), VisionTestServices.Vision(o => o.ClassifierDirectory = "no-such-folder"));
        using var image = VisionTestServices.Loader().Load(TestModels.SharedMedia("cat.jpg"));

        var ex = Assert.Throws<ExpertException>(() => new ImageClassifier(model).Classify(image));

        Assert.Contains("not downloaded", ex.Message);
    }
}
