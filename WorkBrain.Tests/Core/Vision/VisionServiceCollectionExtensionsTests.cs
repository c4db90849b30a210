using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;
using WorkBrain.Tests.Support;

namespace WorkBrain.Tests.Core.Vision;

public sealed class VisionServiceCollectionExtensionsTests
{
    [Fact]
    public void AddWorkBrainEngine_RegistersBothVisionExpertsAndTheSeeCommand()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        using var host = builder.Build();

        var experts = host.Services.GetServices<IExpert>().Select(e => e.Id).ToList();

        Assert.Contains(ExpertIds.ImageUnderstanding, experts);
        Assert.Contains(ExpertIds.VideoUnderstanding, experts);
        Assert.Contains(host.Services.GetServices<ICliCommand>(), c => c.Name == "see");
    }

    [Fact]
    public async Task SeeCommand_Photo_PrintsTheLabels()
    {
        using var provider = VisionHost.Build();
        var command = provider.GetServices<ICliCommand>().Single(c => c.Name == "see");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await command.RunAsync([TestModels.SharedMedia("dog.jpg")], TextReader.Null, output, error, default);

        Assert.Equal(0, code);
        Assert.Contains("golden retriever", output.ToString());
    }

    [Fact]
    public async Task SeeCommand_MissingFile_ReturnsUsageError()
    {
        using var provider = VisionHost.Build();
        var command = provider.GetServices<ICliCommand>().Single(c => c.Name == "see");
        using var error = new StringWriter();

        var code = await command.RunAsync(["/nonexistent/x.png"], TextReader.Null, TextWriter.Null, error, default);

        Assert.Equal(2, code);
        Assert.Contains("File not found", error.ToString());
    }
}
