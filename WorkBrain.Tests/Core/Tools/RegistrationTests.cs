using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Hosting;

namespace WorkBrain.Tests.Core.Tools;

public sealed class RegistrationTests
{
    [Fact]
    public void AddWorkBrainEngine_RegistersExternalServicesAndImageGeneration()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["Models:Directory"] = Path.Combine(Path.GetTempPath(), "workbrain-no-models");
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        using var host = builder.Build();

        var experts = host.Services.GetServices<IExpert>().ToDictionary(e => e.Id);

        Assert.Equal(ExpertState.Ready, experts[ExpertIds.ExternalServices].GetStatus().State);
        var image = experts[ExpertIds.ImageGeneration].GetStatus();
        Assert.Equal(ExpertState.NotDownloaded, image.State);
        Assert.Contains("models pull sd-turbo", image.Detail, StringComparison.Ordinal);
    }
}
