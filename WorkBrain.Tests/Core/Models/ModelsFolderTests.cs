using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkBrain.Core.Engines;
using WorkBrain.Core.Hosting;
using WorkBrain.Core.ImageGeneration;
using WorkBrain.Core.Models;

namespace WorkBrain.Tests.Core.Models;

/// <summary>One models folder for the README, the status lines, /admin and `models pull`, wherever the app is started from.</summary>
public sealed class ModelsFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("wb-models-folder-").FullName;

    public ModelsFolderTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "models"));
        Directory.CreateDirectory(Path.Combine(_root, "WorkBrain.Web"));
        File.WriteAllText(Path.Combine(_root, "models", "models.json"), """
            { "models": [ { "name": "sd-turbo", "expert": "image_generation", "format": "onnx", "directory": "diffusion/sd-turbo", "licence": "x",
              "files": [ { "path": "unet/model.onnx", "size": 1, "sha256": "00", "sources": [ "http://127.0.0.1:9/unet.onnx" ] } ] } ] }
            """);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void DefaultDirectory_AppStartedInWorkBrainWeb_IsTheRepositoryModelsFolder()
    {
        Assert.Equal(Path.Combine(_root, "models"), ModelsOptions.DefaultDirectory("models/models.json", Path.Combine(_root, "WorkBrain.Web")));
        Assert.Equal(Path.Combine(_root, "models"), ModelsOptions.DefaultDirectory("models/models.json", _root));
    }

    [Fact]
    public void DefaultDirectory_NoManifestAnywhere_ModelsUnderTheContentRoot()
    {
        var elsewhere = Directory.CreateTempSubdirectory("wb-no-manifest-").FullName;
        try
        {
            Assert.Equal(Path.Combine(elsewhere, "models"), ModelsOptions.DefaultDirectory("models/models.json", elsewhere));
        }
        finally
        {
            Directory.Delete(elsewhere);
        }
    }

    [Fact]
    public void ImageStatusAndPull_ManifestFoundFromTheContentRoot_NameTheSameFolder()
    {
        var weights = Path.Combine(_root, "weights");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Path.Combine(_root, "WorkBrain.Web") });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Models:Directory"] = weights,
            ["Storage:DataDirectory"] = Path.Combine(_root, "data"),
        });
        builder.AddWorkBrainEngine();
        WorkBrain.Web.Data.StorageExtensions.AddStorage(builder);
        using var host = builder.Build();
        var catalog = host.Services.GetRequiredService<ModelCatalog>();
        var engine = host.Services.GetRequiredService<EngineRegistry>().All.OfType<StableDiffusionEngine>().Single();

        var folder = catalog.DirectoryOf(catalog.Find("sd-turbo")!);

        Assert.Equal(Path.Combine(weights, "diffusion", "sd-turbo"), folder);
        Assert.Equal(folder, engine.Directory);
    }
}
